import { WECHAT_OK, wechatError } from "../errors";
import { resetQuota, takeQuotaClear } from "../quota";
import { platformWithSecret, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/clear_quota/v2 - reset daily counters with a platform's secret (10 times a month per target)
export const clearQuota: TApiDefinition = {
  tokenKind: null,
  isQuotaExempt: true,
  handle: ({ context, body }) => {
    const checked = platformWithSecret(context, body, "appsecret");
    if ("errcode" in checked) return wechatError(checked.errcode);
    // With `appid` the platform resets an authorized account's quota; that account has its own monthly allowance.
    const target = stringField(body, "appid") ?? checked.platform.componentAppid;
    if (!takeQuotaClear(context, target)) return wechatError(48006);
    resetQuota(context, target);
    return { ...WECHAT_OK };
  },
};
