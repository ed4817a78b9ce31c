// The one application error. lib/http/error-response.ts maps each code to an HTTP status.

export type TAppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "rate_limited"
  | "wechat_error"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  constructor(
    readonly code: TAppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}
