import { singleFlight } from "../support/single-flight";
import { authorizerKey, type TAuthorizerRef } from "../platforms/authorizer-ref";
import { fetchUpstream, toUpstreamToken, upstreamAuthorizerPath, upstreamTokens, type TUpstreamToken } from "./upstream-client";

/** Upstream tokens are reused until this long before they expire; the upstream refreshes its own well before that. */
export const UPSTREAM_TOKEN_MARGIN_MS = 5 * 60 * 1000;

export type ReadUpstreamTokenOptions = { authorizer?: TAuthorizerRef; now?: number };

/**
 * The component token (no appid) or an authorizer's token from the upstream wxopen, cached until 5 minutes before
 * it expires. Concurrent callers share one request. Never calls WeChat.
 */
export const readUpstreamToken = async ({ authorizer, now = Date.now() }: ReadUpstreamTokenOptions = {}): Promise<TUpstreamToken> => {
  const key = authorizer ? authorizerKey(authorizer) : "component";
  const cached = upstreamTokens.get(key);
  if (cached && cached.expiresAt.getTime() - now > UPSTREAM_TOKEN_MARGIN_MS) return cached;
  return singleFlight(`upstream-token:${key}`, async () => {
    const path = authorizer ? `${upstreamAuthorizerPath(authorizer)}/access-token` : "/api/v1/component/access-token";
    const token = toUpstreamToken(await fetchUpstream(path));
    upstreamTokens.set(key, token);
    return token;
  });
};
