import type { FastifyInstance } from "fastify";
import type { TApiKeyRole, TVerifiedApiKey } from "@/lib/auth/api-keys";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { bearerFromHeader } from "@/lib/http/bearer";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// API keys: a route names the role it needs in its config ({ config: { role: "operator" } }); the key is checked
// before the body is read or anything else runs, and handlers find it on request.apiKey.

declare module "fastify" {
  interface FastifyContextConfig {
    /** The least role a key needs; routes without one (ping, health, the OpenAPI document) take no key. */
    role?: TApiKeyRole;
  }
  interface FastifyRequest {
    apiKey: TVerifiedApiKey;
  }
}

/** `api-key:<name>`, as events and proxy logs name the caller. */
export const keyActor = (apiKey: TVerifiedApiKey) => `api-key:${apiKey.name}`;
/** `API key "<name>"`, as the forwarding and authorization events name the caller. */
export const keyLabel = (apiKey: TVerifiedApiKey) => `API key "${apiKey.name}"`;

/** The routes of today's paths that mean the default platform (WECHAT_COMPONENT_*). */
const DEFAULT_PLATFORM_ROUTES = /^\/api\/v1\/(authorizers|component|authorization-links|releases)(\/|$)/;

/**
 * A key limited to some platforms (TVerifiedApiKey.platforms) finds the others absent: a route naming another
 * platform answers 404 as an unknown one would, and today's paths, which mean the default platform, answer 404
 * unless the default platform is one of its own. It cannot add platforms. The platform list is filtered by its handler.
 */
const assertPlatformAllowed = (
  apiKey: TVerifiedApiKey,
  { method, routeUrl, params }: { method: string; routeUrl: string; params: Record<string, string> },
) => {
  const allowed = apiKey.platforms;
  if (!allowed) return;
  if (params.componentAppid !== undefined) {
    if (!allowed.includes(params.componentAppid))
      throw new AppError("not_found", `No platform ${params.componentAppid.slice(0, 40)} in this deployment.`);
    return;
  }
  if (routeUrl === "/api/v1/platforms" && method === "POST")
    throw new AppError("forbidden", `"${apiKey.name}" is limited to some platforms: only a key for every platform adds platforms.`);
  if (DEFAULT_PLATFORM_ROUTES.test(routeUrl) && !allowed.includes(getEnv().WECHAT_COMPONENT_APPID))
    throw new AppError(
      "not_found",
      `"${apiKey.name}" reaches its platforms under /api/v1/platforms/{componentAppid}/…; this path is another platform's.`,
    );
};

export const addApiKeyAuth = (app: FastifyInstance) => {
  app.decorateRequest("apiKey", null as unknown as TVerifiedApiKey);
  app.addHook("onRequest", async (request) => {
    const role = request.routeOptions.config.role;
    if (!role) return;
    request.apiKey = await authenticateApiKey(bearerFromHeader(request.headers.authorization), role);
    assertPlatformAllowed(request.apiKey, {
      method: request.method,
      routeUrl: request.routeOptions.url ?? "",
      params: request.params as Record<string, string>,
    });
  });
};
