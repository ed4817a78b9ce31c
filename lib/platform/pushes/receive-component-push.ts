import { classifyPush, openComponentPush, type TComponentPush, type TPushQuery } from "../../wechat/push";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { handleAuthorizationPush } from "./handle-authorization-push";
import type { TPushFollowUp } from "./push-follow-up";
import { recordEvent } from "../activity/record-event";
import { saveVerifyTicket } from "../component/save-verify-ticket";
import { assertFreshTimestamp, toPushError } from "./open-signed-push";
import { claimPushReceipt, releasePushReceipt } from "./claim-push-receipt";
import { defaultPlatform, pushCredentialsOf, type TPlatform } from "../platforms/platform-registry";
import { platformDetail } from "../platforms/platform-detail";

export type ReceiveComponentPushOptions = {
  query: TPushQuery;
  body: string;
  /** The platform the URL names (the default one for /api/wechat/notify). */
  platform?: TPlatform;
};

const openPush = ({ query, body }: ReceiveComponentPushOptions, platform: TPlatform): TComponentPush => {
  try {
    return classifyPush(openComponentPush(query, body, pushCredentialsOf(platform)));
  } catch (error) {
    throw toPushError(error, "Push", platform);
  }
};

const dispatch = async (push: TComponentPush, platform: TPlatform): Promise<{ infoType: string; followUp?: TPushFollowUp }> => {
  switch (push.kind) {
    case "verify_ticket":
      await saveVerifyTicket({ ticket: push.ComponentVerifyTicket, createTime: new Date(push.CreateTime * 1000), platform });
      return { infoType: push.InfoType, followUp: () => getComponentAccessToken({ platform }) };
    case "authorized":
    case "unauthorized":
    case "fast_register":
      return { infoType: push.InfoType, followUp: await handleAuthorizationPush(push, platform) };
    case "other":
      await recordEvent({
        kind: "push.received",
        message: `Unhandled InfoType ${push.InfoType || "(none)"}`,
        detail: { infoType: push.InfoType, ...platformDetail(platform) },
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
  const platform = options.platform ?? defaultPlatform();
  const push = openPush(options, platform);
  await assertFreshTimestamp(Number(options.query.timestamp), "Push");
  const msgSignature = options.query.msg_signature!;
  if (!(await claimPushReceipt(msgSignature))) return { infoType: push.InfoType, isReplay: true };
  try {
    return await dispatch(push, platform);
  } catch (error) {
    await releasePushReceipt(msgSignature);
    throw error;
  }
};
