import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { DEFAULT_PLATFORM_KEY } from "../platforms/platform-key";
import { getEnv } from "../../env";
import { AppError, type TAppErrorCode } from "../../errors";

// Calls to the upstream wxopen's /api/v1 (upstream token mode), and the tokens read from it.

export type TUpstreamToken = { accessToken: string; expiresAt: Date };

/** Tokens read from upstream, by "component" or appid; kept on globalThis so every route bundle shares them. */
const globalForUpstream = globalThis as unknown as { wxopenUpstreamTokens?: Map<string, TUpstreamToken> };
export const upstreamTokens = (globalForUpstream.wxopenUpstreamTokens ??= new Map());

const PASSED_THROUGH: Partial<Record<number, TAppErrorCode>> = { 400: "bad_request", 404: "not_found", 409: "conflict" };

/** One JSON call to the upstream wxopen with TOKEN_UPSTREAM_API_KEY; its 404/409/400 keep their meaning, anything else is a 503. */
export const fetchUpstream = async (
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown } = {},
): Promise<Record<string, unknown>> => {
  const { TOKEN_UPSTREAM_URL: base, TOKEN_UPSTREAM_API_KEY: key, WECHAT_TIMEOUT_MS } = getEnv();
  if (!base || !key) throw new AppError("internal", "fetchUpstream called without TOKEN_UPSTREAM_URL and TOKEN_UPSTREAM_API_KEY");
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(WECHAT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AppError("unavailable", `The token upstream ${base} could not be reached: ${(error as Error).message}`);
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && json) return json;
  const upstreamMessage = (json?.error as { message?: unknown } | undefined)?.message;
  const message = `The token upstream ${base} answered ${response.status}${typeof upstreamMessage === "string" ? `: ${upstreamMessage}` : ""}`;
  if (response.status === 401 || response.status === 403)
    throw new AppError("unavailable", `${message} (check TOKEN_UPSTREAM_API_KEY: it needs an operator key)`);
  throw new AppError(PASSED_THROUGH[response.status] ?? "unavailable", message);
};

/** Reads { accessToken, expiresAt } from an upstream answer. */
export const toUpstreamToken = (json: Record<string, unknown>): TUpstreamToken => {
  const expiresAt = new Date(String(json.expiresAt));
  if (typeof json.accessToken !== "string" || !json.accessToken || Number.isNaN(expiresAt.getTime())) {
    throw new AppError("unavailable", "The token upstream answered without accessToken and expiresAt; is TOKEN_UPSTREAM_URL a wxopen?");
  }
  return { accessToken: json.accessToken, expiresAt };
};

/** The upstream's path of one authorization: today's for the default platform, the platform-scoped one for an added platform. */
export const upstreamAuthorizerPath = ({ platformKey, appid }: TAuthorizerRef) =>
  platformKey === DEFAULT_PLATFORM_KEY
    ? `/api/v1/authorizers/${encodeURIComponent(appid)}`
    : `/api/v1/platforms/${encodeURIComponent(platformKey)}/authorizers/${encodeURIComponent(appid)}`;
