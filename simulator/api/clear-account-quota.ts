import { WECHAT_OK, wechatError } from "../errors";
import { resetQuota, takeQuotaClear } from "../quota";
import { stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/clear_quota - reset an account's daily counters on its behalf (shares clear_quota/v2's 10 a month)
export const clearAccountQuota: TApiDefinition = {
  tokenKind: "authorizer",
  isQuotaExempt: true,
  handle: ({ context, body, token }) => {
    const appid = stringField(body, "appid");
    if (!appid) return wechatError(41002);
    // WeChat documents no answer for another account's appid; an authorizer token speaks for its own account only.
    if (appid !== token?.authorizerAppid) return wechatError(40013);
    if (!takeQuotaClear(context, appid)) return wechatError(48006);
    resetQuota(context, appid);
    return { ...WECHAT_OK };
  },
};
