import { activeAuthorization } from "../authorizations";
import { wechatError } from "../errors";
import { newRefreshToken } from "../random";
import { issueToken, tokenLifetimeSeconds } from "../tokens";
import { componentAppidError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_authorizer_token - a fresh authorizer_access_token from the refresh token
export const authorizerToken: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body, token }) => {
    const appidFailure = componentAppidError(context, body, token);
    if (appidFailure) return wechatError(appidFailure);
    const authorizerAppid = stringField(body, "authorizer_appid");
    if (!authorizerAppid) return wechatError(41002);
    // The calling platform's authorization: another platform's refresh token for the same account is 61023 here.
    const authorization = activeAuthorization(context, authorizerAppid, token?.componentAppid);
    if (!authorization) return wechatError(61003);
    if (stringField(body, "authorizer_refresh_token") !== authorization.refreshToken) return wechatError(61023);
    if (context.config.rotateRefreshTokenOnRefresh) authorization.refreshToken = newRefreshToken();
    const issued = issueToken(context, "authorizer", authorizerAppid, authorization.componentAppid);
    return {
      authorizer_access_token: issued.token,
      expires_in: tokenLifetimeSeconds(context, "authorizer"),
      authorizer_refresh_token: authorization.refreshToken,
    };
  },
};
