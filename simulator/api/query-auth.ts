import { activeAuthorization, funcInfo } from "../authorizations";
import { wechatError } from "../errors";
import { issueToken, tokenLifetimeSeconds } from "../tokens";
import { componentAppidError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_query_auth - exchange a single-use auth code for the authorizer's tokens
export const queryAuth: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body }) => {
    const appidFailure = componentAppidError(context, body);
    if (appidFailure) return wechatError(appidFailure);
    const code = stringField(body, "authorization_code");
    const record = code ? context.state.authCodes.get(code) : undefined;
    if (!record || record.usedAtMs !== undefined || record.isVoid) return wechatError(61009);
    const now = context.clock.nowMs();
    if (now >= record.expiresAtMs) return wechatError(61010);
    record.usedAtMs = now;
    const authorization = activeAuthorization(context, record.authorizerAppid);
    if (!authorization) return wechatError(61003);
    const token = issueToken(context, "authorizer", authorization.authorizerAppid);
    record.issuedAccessToken = token.token;
    return {
      authorization_info: {
        authorizer_appid: authorization.authorizerAppid,
        authorizer_access_token: token.token,
        expires_in: tokenLifetimeSeconds(context, "authorizer"),
        authorizer_refresh_token: authorization.refreshToken,
        func_info: funcInfo(authorization.funcIds),
      },
    };
  },
};
