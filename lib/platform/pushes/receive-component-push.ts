import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { CRYPT_ERROR, WechatCryptError } from "../../wechat/errors";
import { classifyPush, openComponentPush, type TComponentPush, type TPushQuery } from "../../wechat/push";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { handleAuthorizationPush } from "./handle-authorization-push";
import type { TPushFollowUp } from "./push-follow-up";
import { recordEvent } from "../activity/record-event";
import { saveVerifyTicket } from "../component/save-verify-ticket";
import { claimPushReceipt, releasePushReceipt } from "./claim-push-receipt";

export type ReceiveComponentPushOptions = { query: TPushQuery; body: string };

const toAppError = (error: WechatCryptError) => {
  switch (error.code) {
    case CRYPT_ERROR.validateSignature:
      return new AppError("unauthorized", `Push rejected: ${error.message} (check WECHAT_COMPONENT_TOKEN)`, { wechatCode: error.code });
    case CRYPT_ERROR.validateAppid:
      return new AppError("forbidden", `Push rejected: ${error.message} (expected WECHAT_COMPONENT_APPID)`, { wechatCode: error.code });
    default:
      return new AppError("bad_request", `Push rejected: ${error.message}`, { wechatCode: error.code });
  }
};

const openPush = ({ query, body }: ReceiveComponentPushOptions): TComponentPush => {
  const env = getEnv();
  try {
    return classifyPush(
      openComponentPush(query, body, {
        token: env.WECHAT_COMPONENT_TOKEN,
        encodingAesKey: env.WECHAT_COMPONENT_AES_KEY,
        componentAppid: env.WECHAT_COMPONENT_APPID,
      }),
    );
  } catch (error) {
    throw error instanceof WechatCryptError ? toAppError(error) : error;
  }
};

/** A clock-skew refusal is recorded (for the overview) at most once a minute per process, however many pushes. */
const SKEW_EVENT_INTERVAL_MS = 60_000;
let lastSkewEventAt = 0;

/** The timestamp is covered by msg_signature, so a push outside the tolerance is a replay or a wrong clock. */
const assertFreshTimestamp = async (timestamp: number, toleranceSeconds: number) => {
  const skewSeconds = Math.round(timestamp - Date.now() / 1000);
  if (Number.isFinite(skewSeconds) && Math.abs(skewSeconds) <= toleranceSeconds) return;
  const direction = skewSeconds > 0 ? "ahead of" : "behind";
  const message =
    `Push refused: its signed timestamp is ${Math.abs(skewSeconds)} s ${direction} this server's clock ` +
    `(PUSH_TIMESTAMP_TOLERANCE_SECONDS is ${toleranceSeconds}). Either an old push was replayed or this server's clock is wrong: check NTP.`;
  if (Date.now() - lastSkewEventAt > SKEW_EVENT_INTERVAL_MS) {
    lastSkewEventAt = Date.now();
    await recordEvent({ kind: "push.rejected", outcome: "error", message, detail: { reason: "clock_skew", skewSeconds }, actor: "wechat" });
  }
  throw new AppError("bad_request", message, { skewSeconds });
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
  const toleranceSeconds = getEnv().PUSH_TIMESTAMP_TOLERANCE_SECONDS;
  await assertFreshTimestamp(Number(options.query.timestamp), toleranceSeconds);
  const msgSignature = options.query.msg_signature!;
  if (!(await claimPushReceipt({ msgSignature, toleranceSeconds }))) return { infoType: push.InfoType, isReplay: true };
  try {
    return await dispatch(push);
  } catch (error) {
    await releasePushReceipt(msgSignature);
    throw error;
  }
};
