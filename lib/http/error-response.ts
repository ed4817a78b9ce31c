import { NextResponse } from "next/server";
import { AppError, type TAppErrorCode } from "../errors";
import { log } from "../log";
import { WechatApiError, WechatTransportError } from "../wechat/errors";

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

/** The JSON error body every API answers: { error: { code, message } }. */
export const errorResponse = (error: unknown) => {
  const appError = toAppError(error);
  const errcode = appError.details?.errcode;
  return NextResponse.json(
    { error: { code: appError.code, message: appError.message, ...(typeof errcode === "number" ? { errcode } : {}) } },
    { status: STATUS_BY_CODE[appError.code], headers: retryAfter(appError) },
  );
};

/** The 405 of the URLs WeChat posts to (authorization events, messages), for every other method. */
export const wechatPostOnly = () =>
  textErrorResponse(new AppError("method_not_allowed", "WeChat posts to this URL with POST; other methods are not accepted."));

/** A plain-text error, for the URLs WeChat calls. */
export const textErrorResponse = (error: unknown) => {
  const appError = toAppError(error);
  return new Response(appError.message, {
    status: STATUS_BY_CODE[appError.code],
    headers: { "content-type": "text/plain; charset=utf-8", ...retryAfter(appError) },
  });
};
