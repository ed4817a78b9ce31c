import { randomBytes } from "node:crypto";
import { TEST_COMPONENT } from "../../tests/helpers/app";
import type { TRequestSpec } from "../load";

// What WeChat posts to the app, sealed as WeChat seals it; each request is used once (WeChat never repeats them).

/** A ticket push to the notify URL. */
export const ticketPushRequest = async (index: number): Promise<TRequestSpec> => {
  const { sealComponentPush } = await import("../../lib/wechat/push");
  const sealed = sealComponentPush(
    {
      AppId: TEST_COMPONENT.componentAppid,
      CreateTime: Math.floor(Date.now() / 1000),
      InfoType: "component_verify_ticket",
      ComponentVerifyTicket: `ticket@@@bench-${index}-${randomBytes(8).toString("hex")}`,
    },
    TEST_COMPONENT,
  );
  return {
    path: `/api/wechat/notify?${new URLSearchParams(sealed.query as Record<string, string>)}`,
    method: "POST",
    headers: { "content-type": "text/xml" },
    body: sealed.body,
  };
};

/** A user's text to an ordinary account, as WeChat posts it to the message URL (a new MsgId each). */
export const userMessageRequest = async (index: number, appid: string): Promise<TRequestSpec> => {
  const { sealAuthorizerMessage } = await import("../../lib/wechat/message");
  const sealed = sealAuthorizerMessage(
    {
      ToUserName: "gh_000000000bench",
      FromUserName: `obench${String(index % 1000).padStart(22, "0")}`,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: "text",
      Content: `bench message ${index}`,
      MsgId: `7${String(index).padStart(16, "0")}${randomBytes(2).readUInt16BE()}`,
    },
    TEST_COMPONENT,
  );
  return {
    path: `/api/wechat/messages/${appid}?${new URLSearchParams(sealed.query)}`,
    method: "POST",
    headers: { "content-type": "text/xml" },
    body: sealed.body,
  };
};

/** `count` requests sealed ahead, so sealing is not part of what is measured. */
export const sealMany = (count: number, seal: (index: number) => Promise<TRequestSpec>) =>
  Promise.all(Array.from({ length: count }, (_, index) => seal(index)));

/** The 100 accounts the forwarding figures' messages go to (none needs to exist: the message URL takes any appid). */
export const MESSAGE_APPIDS = Array.from({ length: 100 }, (_, index) => `wx${String(index).padStart(16, "0")}`);

/** `count` user messages spread over MESSAGE_APPIDS, numbered from `offset` (each number used once in a run). */
export const sealMessages = (count: number, offset: number) =>
  sealMany(count, (index) => userMessageRequest(offset + index, MESSAGE_APPIDS[index % MESSAGE_APPIDS.length]));
