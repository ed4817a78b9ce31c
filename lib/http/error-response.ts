import { NextResponse } from "next/server";
import { AppError } from "../errors";
import { errorBody, retryAfter, STATUS_BY_CODE, toAppError } from "./app-error-status";

export { retryAfter, STATUS_BY_CODE, toAppError };

/** The JSON error body every API answers: { error: { code, message } }. */
export const errorResponse = (error: unknown) => {
  const appError = toAppError(error);
  return NextResponse.json(errorBody(appError), {
    status: STATUS_BY_CODE[appError.code],
    headers: retryAfter(appError),
  });
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
