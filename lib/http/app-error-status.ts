import { AppError, type TAppErrorCode } from "../errors";
import { log } from "../log";
import { WechatApiError, WechatTransportError } from "../wechat/errors";

// What an error means over HTTP, for both layers (the Next.js route handlers and the JSON API in server/): the status
// of each AppError code, the error body every JSON answer shares, and the Retry-After of a 429. No framework here.

export const STATUS_BY_CODE: Record<TAppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  wechat_error: 502,
  unavailable: 503,
  internal: 500,
};

/** Any thrown value as an AppError: known errors keep their meaning, unknown ones become a logged generic 500. */
export const toAppError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (error instanceof WechatApiError) {
    return new AppError("wechat_error", `WeChat answered errcode ${error.errcode}: ${error.errmsg}`, { errcode: error.errcode });
  }
  if (error instanceof WechatTransportError) return new AppError("wechat_error", error.message);
  log.error("unhandled_error", { error, stack: (error as Error)?.stack });
  return new AppError("internal", "Something went wrong on our side; it has been logged.");
};

/** A 429's Retry-After header, when the error says how long to wait. */
export const retryAfter = (error: AppError): Record<string, string> =>
  typeof error.details?.retryAfterSeconds === "number" ? { "retry-after": String(error.details.retryAfterSeconds) } : {};

/** The JSON error body every API answers: { error: { code, message, errcode? } }. */
export const errorBody = (appError: AppError) => {
  const errcode = appError.details?.errcode;
  return { error: { code: appError.code, message: appError.message, ...(typeof errcode === "number" ? { errcode } : {}) } };
};
