import { WECHAT_OK, wechatError } from "../errors";
import { pushNewTicket } from "../tickets";
import { platformWithSecret, type TApiDefinition } from "./api-definition";

/** WeChat answers first and pushes a little later; tests see the ticket arrive asynchronously too. */
const PUSH_DELAY_MS = 200;

// POST /cgi-bin/component/api_start_push_ticket - (re)start a platform's ticket pushes; note the field is component_secret
export const startPushTicket: TApiDefinition = {
  tokenKind: null,
  handle: ({ context, body }) => {
    const checked = platformWithSecret(context, body, "component_secret");
    if ("errcode" in checked) return wechatError(checked.errcode);
    const timer = setTimeout(() => {
      if (!context.shutdown.signal.aborted) void pushNewTicket(context, checked.platform).catch(() => {});
    }, PUSH_DELAY_MS);
    timer.unref();
    return { ...WECHAT_OK };
  },
};
