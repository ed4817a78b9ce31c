import { AppError } from "../errors";
import { log } from "../log";
import { WechatApiError } from "../wechat/errors";

/** WeChat's daily quota error: every further call of that API fails until midnight Beijing time or clear_quota. */
export const QUOTA_EXHAUSTED_ERRCODE = 45009;

/** The WeChat errcode carried by an error (WechatApiError, or an AppError that kept it), else null. */
export const errcodeOf = (error: unknown): number | null => {
  if (error instanceof WechatApiError) return error.errcode;
  const errcode = error instanceof AppError ? error.details?.errcode : (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === "number" ? errcode : null;
};

/** Logs a 45009 at error level (an operator must act: clear_quota or wait); answers whether it was one. */
export const reportQuotaExhausted = (error: unknown, fields: Record<string, unknown> = {}): boolean => {
  if (errcodeOf(error) !== QUOTA_EXHAUSTED_ERRCODE) return false;
  log.error("wechat.daily_quota_exhausted", { errcode: QUOTA_EXHAUSTED_ERRCODE, message: (error as Error).message, ...fields });
  return true;
};
