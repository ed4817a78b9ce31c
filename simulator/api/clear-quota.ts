import { WECHAT_OK, wechatError } from "../errors";
import { resetQuota, takeQuotaClear } from "../quota";
import { componentAppidError, secretError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/clear_quota/v2 - reset daily counters with the secret (10 times a month per target)
export const clearQuota: TApiDefinition = {
  tokenKind: null,
  isQuotaExempt: true,
  handle: ({ context, body }) => {
    const failure = componentAppidError(context, body) ?? secretError(context, stringField(body, "appsecret"));
    if (failure) return wechatError(failure);
    // With `appid` the platform resets an authorized account's quota; that account has its own monthly allowance.
    const target = stringField(body, "appid") ?? context.config.componentAppid;
    if (!takeQuotaClear(context, target)) return wechatError(48006);
    resetQuota(context, target);
    return { ...WECHAT_OK };
  },
};
