import { authorizerTokenMarginMs } from "./authorizer-token-state";
import { getAuthorizerAccessToken } from "./get-authorizer-access-token";
import { markAuthorizerUsed } from "./mark-authorizer-used";
import { servedTokenCache } from "./served-token-cache";
import { singleFlight } from "../support/single-flight";

export type ServeAuthorizerAccessTokenOptions = { appid: string };

/**
 * GET /api/v1/authorizers/:appid/access-token: getAuthorizerAccessToken behind a 2-second in-process cache, so a
 * busy token API reads the database once per appid and moment, not once per call. Concurrent misses share one read.
 */
export const serveAuthorizerAccessToken = async ({ appid }: ServeAuthorizerAccessTokenOptions) => {
  markAuthorizerUsed(appid);
  const cached = servedTokenCache.get(appid);
  if (cached && cached.expiresAt.getTime() - Date.now() > authorizerTokenMarginMs()) return cached;
  return singleFlight(`serve-token:${appid}`, async () => {
    const token = await getAuthorizerAccessToken({ appid });
    servedTokenCache.set(token);
    return token;
  });
};
