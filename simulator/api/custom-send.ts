import { recordCustomMessage } from "../custom-messages";
import { WECHAT_OK, wechatError } from "../errors";
import { isOpenidForm, lastInteraction } from "../message-content";
import { stringField, type TApiDefinition } from "./api-definition";

/** The customer-service message types WeChat documents; any other msgtype is 40008. */
const MESSAGE_TYPES = [
  "text",
  "image",
  "voice",
  "video",
  "music",
  "news",
  "mpnews",
  "mpnewsarticle",
  "msgmenu",
  "wxcard",
  "miniprogrampage",
  "link",
];

/** A user who wrote (or subscribed, clicked a menu ...) in the last 48 hours can be answered; after that, 45015. */
export const SERVICE_WINDOW_MS = 48 * 3600 * 1000;

// POST /cgi-bin/message/custom/send - a customer-service message from the account to one of its users
export const customSend: TApiDefinition = {
  tokenKind: "authorizer",
  handle: ({ context, body, isEmptyBody, token }) => {
    if (isEmptyBody) return wechatError(44002);
    const touser = body.touser;
    if (!isOpenidForm(touser)) return wechatError(40003);
    const msgtype = stringField(body, "msgtype");
    if (!msgtype || !MESSAGE_TYPES.includes(msgtype)) return wechatError(40008);
    const payload = body[msgtype];
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return wechatError(msgtype === "text" ? 44004 : 47001);
    const content = msgtype === "text" ? (payload as Record<string, unknown>).content : JSON.stringify(payload);
    if (typeof content !== "string" || content === "") return wechatError(44004);
    const appid = token?.authorizerAppid ?? "";
    const wroteAt = lastInteraction(context, appid, touser);
    if (wroteAt === undefined || context.clock.nowMs() - wroteAt > SERVICE_WINDOW_MS) return wechatError(45015);
    recordCustomMessage(context, { appid, touser, msgtype, content, accessToken: token?.token ?? "" });
    return { ...WECHAT_OK };
  },
};
