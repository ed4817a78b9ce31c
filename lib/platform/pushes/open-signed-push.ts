import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { CRYPT_ERROR, WechatCryptError } from "../../wechat/errors";
import { recordEvent } from "../activity/record-event";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";

// What the two URLs WeChat posts to (authorization events, messages) share: the mapping of WXBizMsgCrypt's errors to
// answers, and the refusal of a timestamp outside the tolerance.

/**
 * 401 for a bad signature, 403 for another platform's appid, 400 for the rest; the message says what to check (the
 * variables for the default platform, Settings → Platforms for an added one).
 */
export const toPushError = (error: unknown, what: string, platform: TPlatform = defaultPlatform()) => {
  if (!(error instanceof WechatCryptError)) return error;
  const where = (variable: string, field: string) =>
    platform.isDefault ? variable : `the ${field} of platform ${platform.componentAppid} under Settings → Platforms`;
  switch (error.code) {
    case CRYPT_ERROR.validateSignature:
      return new AppError("unauthorized", `${what} rejected: ${error.message} (check ${where("WECHAT_COMPONENT_TOKEN", "Token")})`, {
        wechatCode: error.code,
      });
    case CRYPT_ERROR.validateAppid:
      return new AppError("forbidden", `${what} rejected: ${error.message} (expected ${where("WECHAT_COMPONENT_APPID", "appid")})`, {
        wechatCode: error.code,
      });
    default:
      return new AppError("bad_request", `${what} rejected: ${error.message}`, { wechatCode: error.code });
  }
};

/** A clock-skew refusal is recorded (for the overview) at most once a minute per process, however many pushes. */
const SKEW_EVENT_INTERVAL_MS = 60_000;
let lastSkewEventAt = 0;

/** The timestamp is covered by msg_signature, so one outside the tolerance is a replay or a wrong clock. */
export const assertFreshTimestamp = async (timestamp: number, what: string) => {
  const toleranceSeconds = getEnv().PUSH_TIMESTAMP_TOLERANCE_SECONDS;
  const skewSeconds = Math.round(timestamp - Date.now() / 1000);
  if (Number.isFinite(skewSeconds) && Math.abs(skewSeconds) <= toleranceSeconds) return;
  const direction = skewSeconds > 0 ? "ahead of" : "behind";
  const message =
    `${what} refused: its signed timestamp is ${Math.abs(skewSeconds)} s ${direction} this server's clock ` +
    `(PUSH_TIMESTAMP_TOLERANCE_SECONDS is ${toleranceSeconds}). Either an old push was replayed or this server's clock is wrong: check NTP.`;
  if (Date.now() - lastSkewEventAt > SKEW_EVENT_INTERVAL_MS) {
    lastSkewEventAt = Date.now();
    await recordEvent({ kind: "push.rejected", outcome: "error", message, detail: { reason: "clock_skew", skewSeconds }, actor: "wechat" });
  }
  throw new AppError("bad_request", message, { skewSeconds });
};
