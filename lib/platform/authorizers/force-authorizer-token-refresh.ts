import { refreshAuthorizerToken } from "./refresh-authorizer-token";
import { servedTokenCache } from "./served-token-cache";

export type ForceAuthorizerTokenRefreshOptions = { appid: string; actor: string };

/** POST /api/v1/authorizers/:appid/refresh: a forced refresh; this process serves the new token at once. */
export const forceAuthorizerTokenRefresh = async ({ appid, actor }: ForceAuthorizerTokenRefreshOptions) => {
  servedTokenCache.forget(appid);
  const token = await refreshAuthorizerToken({ appid, force: true, actor });
  servedTokenCache.set(token);
  return { appid: token.appid, expiresAt: token.expiresAt };
};
