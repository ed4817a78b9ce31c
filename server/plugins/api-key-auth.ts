import type { FastifyInstance } from "fastify";
import type { TApiKeyRole, TVerifiedApiKey } from "@/lib/auth/api-keys";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { bearerFromHeader } from "@/lib/http/bearer";

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

export const addApiKeyAuth = (app: FastifyInstance) => {
  app.decorateRequest("apiKey", null as unknown as TVerifiedApiKey);
  app.addHook("onRequest", async (request) => {
    const role = request.routeOptions.config.role;
    if (!role) return;
    request.apiKey = await authenticateApiKey(bearerFromHeader(request.headers.authorization), role);
  });
};
