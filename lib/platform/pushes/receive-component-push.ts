import { classifyPush, openComponentPush, type TComponentPush, type TPushQuery } from "../../wechat/push";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { handleAuthorizationPush } from "./handle-authorization-push";
import type { TPushFollowUp } from "./push-follow-up";
import { recordEvent } from "../activity/record-event";
import { saveVerifyTicket } from "../component/save-verify-ticket";
import { assertFreshTimestamp, componentCredentials, toPushError } from "./open-signed-push";
import { claimPushReceipt, releasePushReceipt } from "./claim-push-receipt";

export type ReceiveComponentPushOptions = { query: TPushQuery; body: string };

const openPush = ({ query, body }: ReceiveComponentPushOptions): TComponentPush => {
  try {
    return classifyPush(openComponentPush(query, body, componentCredentials()));
  } catch (error) {
    throw toPushError(error, "Push");
  }
};

const dispatch = async (push: TComponentPush): Promise<{ infoType: string; followUp?: TPushFollowUp }> => {
  switch (push.kind) {
    case "verify_ticket":
      await saveVerifyTicket({ ticket: push.ComponentVerifyTicket, createTime: new Date(push.CreateTime * 1000) });
      return { infoType: push.InfoType, followUp: () => getComponentAccessToken() };
    case "authorized":
    case "unauthorized":
    case "fast_register":
      return { infoType: push.InfoType, followUp: await handleAuthorizationPush(push) };
    case "other":
      await recordEvent({
        kind: "push.received",
        message: `Unhandled InfoType ${push.InfoType || "(none)"}`,
        detail: { infoType: push.InfoType },
      });
      return { infoType: push.InfoType };
  }
};

/**
 * Verifies, decrypts and stores a push to the authorization-event URL. Throws AppError for a push that fails the
 * checks, or whose signed timestamp is outside PUSH_TIMESTAMP_TOLERANCE_SECONDS (nothing is stored). An exact replay
 * of an accepted push (same msg_signature) is answered as accepted and does nothing. Returns the follow-up work to
 * run once WeChat has its `success`.
 */
export const receiveComponentPush = async (
  options: ReceiveComponentPushOptions,
): Promise<{ infoType: string; isReplay?: boolean; followUp?: TPushFollowUp }> => {
  const push = openPush(options);
  await assertFreshTimestamp(Number(options.query.timestamp), "Push");
  const msgSignature = options.query.msg_signature!;
  if (!(await claimPushReceipt(msgSignature))) return { infoType: push.InfoType, isReplay: true };
  try {
    return await dispatch(push);
  } catch (error) {
    await releasePushReceipt(msgSignature);
    throw error;
  }
};
