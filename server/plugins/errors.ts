import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { AppError, type TAppErrorCode } from "@/lib/errors";
import { errorBody, retryAfter, STATUS_BY_CODE, toAppError } from "@/lib/http/app-error-status";
import { MAX_BODY_BYTES } from "./request-checks";
import { SECURITY_HEADERS } from "./response-headers";

// The one error mapper of the JSON API: every failure answers { error: { code, message, errcode? } } with the status
// of its code, as the Next.js route handlers did. Fastify's own 4xx (a body too large, a malformed URL) get the same
// shape; anything unknown is logged (redacted) and answers a generic 500.

const CODE_BY_STATUS: Record<number, TAppErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "bad_request",
  429: "rate_limited",
  503: "unavailable",
};

const fromFastify = (error: FastifyError): AppError | null => {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return new AppError("payload_too_large", `Body is larger than ${MAX_BODY_BYTES} bytes`);
  const code = error.statusCode ? CODE_BY_STATUS[error.statusCode] : undefined;
  return code && error.code?.startsWith("FST_") ? new AppError(code, error.message) : null;
};

/** Fastify's router refuses a URL before any hook runs (a %-escape that is no UTF-8, such as %FF): the same JSON 400. */
export const answerBadUrl = (_error: FastifyError, _request: unknown, reply: FastifyReply) =>
  reply
    .code(400)
    .headers(SECURITY_HEADERS)
    .type("application/json")
    .send(
      JSON.stringify(
        errorBody(
          new AppError("bad_request", "The URL is not valid: a %-escape in it is not UTF-8 (such as %FF). Encode the path as UTF-8."),
        ),
      ),
    );

export const addErrorMapper = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const appError = error instanceof AppError ? error : (fromFastify(error) ?? toAppError(error));
    return reply
      .code(STATUS_BY_CODE[appError.code])
      .headers(retryAfter(appError))
      .type("application/json")
      .send(JSON.stringify(errorBody(appError)));
  });
  app.setNotFoundHandler((request, reply) => {
    const appError = new AppError(
      "not_found",
      `There is no ${request.method} ${request.url.split("?")[0].slice(0, 200)}; the API's routes are listed at /api/v1/openapi.json.`,
    );
    return reply
      .code(404)
      .type("application/json")
      .send(JSON.stringify(errorBody(appError)));
  });
};
