import { singleFlight } from "../support/single-flight";
import { fetchUpstream, toUpstreamToken, upstreamTokens, type TUpstreamToken } from "./upstream-client";

/** Upstream tokens are reused until this long before they expire; the upstream refreshes its own well before that. */
export const UPSTREAM_TOKEN_MARGIN_MS = 5 * 60 * 1000;

export type ReadUpstreamTokenOptions = { appid?: string; now?: number };

/**
 * The component token (no appid) or an authorizer's token from the upstream wxopen, cached until 5 minutes before
 * it expires. Concurrent callers share one request. Never calls WeChat.
 */
export const readUpstreamToken = async ({ appid, now = Date.now() }: ReadUpstreamTokenOptions = {}): Promise<TUpstreamToken> => {
  const key = appid ?? "component";
  const cached = upstreamTokens.get(key);
  if (cached && cached.expiresAt.getTime() - now > UPSTREAM_TOKEN_MARGIN_MS) return cached;
  return singleFlight(`upstream-token:${key}`, async () => {
    const path = appid ? `/api/v1/authorizers/${encodeURIComponent(appid)}/access-token` : "/api/v1/component/access-token";
    const token = toUpstreamToken(await fetchUpstream(path));
    upstreamTokens.set(key, token);
    return token;
  });
};
