import type { TComponentPush } from "../wechat/push";
import { recordEvent } from "./record-event";
import type { TPushFollowUp } from "./receive-component-push";

type TAuthorizationPush = Extract<TComponentPush, { kind: "authorized" | "unauthorized" | "fast_register" }>;

/** authorized / updateauthorized / unauthorized / notify_third_fasteregister. Records the push; the exchange comes with the authorization flow. */
export const handleAuthorizationPush = async (push: TAuthorizationPush): Promise<TPushFollowUp | undefined> => {
  const appid = "AuthorizerAppid" in push ? push.AuthorizerAppid : (push.appid ?? null);
  await recordEvent({ kind: "push.received", appid, message: `${push.InfoType} push received`, detail: { infoType: push.InfoType } });
  return undefined;
};
