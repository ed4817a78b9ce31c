import { beijingMonth } from "../clock";
import { WECHAT_OK, wechatError } from "../errors";
import { resetQuota } from "../quota";
import { componentAppidError, secretError, stringField, type TApiDefinition } from "./api-definition";

const CLEARS_PER_MONTH = 10;

// POST /cgi-bin/component/clear_quota/v2 - reset daily counters with the secret (10 times a month per target)
export const clearQuota: TApiDefinition = {
  tokenKind: null,
  handle: ({ context, body }) => {
    const failure = componentAppidError(context, body) ?? secretError(context, stringField(body, "appsecret"));
    if (failure) return wechatError(failure);
    // With `appid` the platform resets an authorized account's quota; that account has its own monthly allowance.
    const target = stringField(body, "appid") ?? context.config.componentAppid;
    const key = `${beijingMonth(context.clock.nowMs())}|${target}`;
    const used = context.state.quotaClears.get(key) ?? 0;
    if (used >= CLEARS_PER_MONTH) return wechatError(48006);
    context.state.quotaClears.set(key, used + 1);
    if (target === context.config.componentAppid) resetQuota(context);
    return { ...WECHAT_OK };
  },
};
