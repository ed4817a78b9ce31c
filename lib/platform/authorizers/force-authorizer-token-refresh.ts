import { refreshAuthorizerToken } from "./refresh-authorizer-token";
import { servedTokenCache } from "./served-token-cache";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";

export type ForceAuthorizerTokenRefreshOptions = TAuthorizerRef & { actor: string };

/** POST /api/v1/authorizers/:appid/refresh: a forced refresh; this process serves the new token at once. */
export const forceAuthorizerTokenRefresh = async ({ actor, ...ref }: ForceAuthorizerTokenRefreshOptions) => {
  servedTokenCache.forget(ref);
  const token = await refreshAuthorizerToken({ ...ref, force: true, actor });
  servedTokenCache.set(token);
  return { appid: token.appid, expiresAt: token.expiresAt };
};
