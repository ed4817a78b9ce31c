import { wechatError } from "../errors";
import { componentAppidError, type TApiDefinition } from "./api-definition";

const MAX_COUNT = 500;

const integerOr = (value: unknown, fallback: number) => (value === undefined ? fallback : value);

// POST /cgi-bin/component/api_get_authorizer_list - the calling platform's active authorizations, oldest first, paged
export const getAuthorizerList: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body, token }) => {
    const appidFailure = componentAppidError(context, body, token);
    if (appidFailure) return wechatError(appidFailure);
    const offset = integerOr(body.offset, 0);
    const count = integerOr(body.count, MAX_COUNT);
    if (!Number.isInteger(offset) || !Number.isInteger(count) || (offset as number) < 0 || (count as number) < 0) {
      return wechatError(47001);
    }
    if ((count as number) > MAX_COUNT) return wechatError(40170);
    const active = [...context.state.authorizations.values()]
      .filter((authorization) => authorization.isActive && authorization.componentAppid === token?.componentAppid)
      .sort((a, b) => a.authTime - b.authTime || a.authorizerAppid.localeCompare(b.authorizerAppid));
    const page = active.slice(offset as number, (offset as number) + (count as number));
    return {
      total_count: active.length,
      list: page.map((authorization) => ({
        authorizer_appid: authorization.authorizerAppid,
        refresh_token: authorization.refreshToken,
        auth_time: authorization.authTime,
      })),
    };
  },
};
