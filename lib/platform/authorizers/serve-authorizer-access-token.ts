import { authorizerTokenMarginMs } from "./authorizer-token-state";
import { getAuthorizerAccessToken } from "./get-authorizer-access-token";
import { markAuthorizerUsed } from "./mark-authorizer-used";
import { servedTokenCache } from "./served-token-cache";
import { singleFlight } from "../support/single-flight";
import { authorizerKey, type TAuthorizerRef } from "../platforms/authorizer-ref";

export type ServeAuthorizerAccessTokenOptions = TAuthorizerRef;

/**
 * GET /api/v1/authorizers/:appid/access-token: getAuthorizerAccessToken behind a 2-second in-process cache, so a
 * busy token API reads the database once per appid and moment, not once per call. Concurrent misses share one read.
 */
export const serveAuthorizerAccessToken = async (ref: ServeAuthorizerAccessTokenOptions) => {
  markAuthorizerUsed(ref);
  const cached = servedTokenCache.get(ref);
  if (cached && cached.expiresAt.getTime() - Date.now() > authorizerTokenMarginMs()) return cached;
  return singleFlight(`serve-token:${authorizerKey(ref)}`, async () => {
    const token = await getAuthorizerAccessToken(ref);
    servedTokenCache.set(token);
    return token;
  });
};
