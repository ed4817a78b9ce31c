import { wechatError } from "../errors";
import { newRefreshToken } from "../random";
import { issueToken, tokenLifetimeSeconds } from "../tokens";
import { componentAppidError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_authorizer_token - a fresh authorizer_access_token from the refresh token
export const authorizerToken: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body }) => {
    const appidFailure = componentAppidError(context, body);
    if (appidFailure) return wechatError(appidFailure);
    const authorizerAppid = stringField(body, "authorizer_appid");
    if (!authorizerAppid) return wechatError(41002);
    const authorization = context.state.authorizations.get(authorizerAppid);
    if (!authorization?.isActive) return wechatError(61003);
    if (stringField(body, "authorizer_refresh_token") !== authorization.refreshToken) return wechatError(61023);
    if (context.config.rotateRefreshTokenOnRefresh) authorization.refreshToken = newRefreshToken();
    const token = issueToken(context, "authorizer", authorizerAppid);
    return {
      authorizer_access_token: token.token,
      expires_in: tokenLifetimeSeconds(context, "authorizer"),
      authorizer_refresh_token: authorization.refreshToken,
    };
  },
};
