import { activeAuthorization, funcInfo } from "../authorizations";
import { wechatError } from "../errors";
import { issueToken, tokenLifetimeSeconds } from "../tokens";
import { componentAppidError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_query_auth - exchange a single-use auth code for the authorizer's tokens
export const queryAuth: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body, token }) => {
    const appidFailure = componentAppidError(context, body, token);
    if (appidFailure) return wechatError(appidFailure);
    const code = stringField(body, "authorization_code");
    const record = code ? context.state.authCodes.get(code) : undefined;
    // A code minted for another platform is as unknown to this one as a made-up code (and stays usable by its own).
    const isOurs = record?.componentAppid === token?.componentAppid;
    if (!record || !isOurs || record.usedAtMs !== undefined || record.isVoid) return wechatError(61009);
    const now = context.clock.nowMs();
    if (now >= record.expiresAtMs) return wechatError(61010);
    record.usedAtMs = now;
    const authorization = activeAuthorization(context, record.authorizerAppid, record.componentAppid);
    if (!authorization) return wechatError(61003);
    const issued = issueToken(context, "authorizer", authorization.authorizerAppid, authorization.componentAppid);
    record.issuedAccessToken = issued.token;
    return {
      authorization_info: {
        authorizer_appid: authorization.authorizerAppid,
        authorizer_access_token: issued.token,
        expires_in: tokenLifetimeSeconds(context, "authorizer"),
        authorizer_refresh_token: authorization.refreshToken,
        func_info: funcInfo(authorization.funcIds),
      },
    };
  },
};
