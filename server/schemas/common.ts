import { z } from "zod";
import { RULE_ID_PATTERN } from "@/lib/http/route-params";
import { APPID_PATTERN } from "@/lib/wechat/appid";

// Schemas every resource shares: path parameters, the error body, timestamps. Each one validates requests and
// writes the OpenAPI document (server/plugins/openapi.ts), so a description here is documentation.

export const ZAppid = z.string().regex(APPID_PATTERN).meta({ description: "An account's appid", example: "wx1234567890abcdef" });
export const ZAppidParams = z.object({ appid: ZAppid });
export const ZRuleIdParams = z.object({
  id: z.string().regex(RULE_ID_PATTERN).meta({ description: "A forwarding rule's id", example: "0b7c4a1e-9f3d-4c2b-8a6e-1d2f3a4b5c6d" }),
});

export const ZLocale = z.enum(["zh", "en"]).default("zh").meta({ description: "Language of scope names" });
export const ZInstant = z.iso.datetime().meta({ example: "2026-12-02T10:00:00.000Z" });

export const ZError = z
  .object({
    error: z.object({
      code: z.enum([
        "bad_request",
        "unauthorized",
        "forbidden",
        "not_found",
        "method_not_allowed",
        "conflict",
        "gone",
        "payload_too_large",
        "rate_limited",
        "wechat_error",
        "unavailable",
        "internal",
      ]),
      message: z.string().meta({ description: "What went wrong and what to do, in a sentence a person can act on" }),
      errcode: z.number().int().optional().meta({ description: "WeChat's errcode, when WeChat refused" }),
    }),
  })
  .meta({ id: "Error" });

const ERROR_MEANINGS: Record<number, string> = {
  400: "The request is not valid; the message names the field",
  401: "No API key, or an unknown, expired or revoked one",
  403: "The key's role is not enough for this route",
  404: "No such account or rule",
  409: "The account's state forbids it (cancelled, needs re-authorization…)",
  413: "The body is too large",
  429: "Too many calls: wait Retry-After seconds",
  502: "WeChat refused or could not be reached (errcode when WeChat answered)",
  503: "wxopen cannot serve it now (no ticket yet, database down…)",
};

/** The error answers of a route, documented with the shared error body. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ZError.describe(ERROR_MEANINGS[status] ?? "Error")]));

/** Every route with an API key can answer these. */
export const KEY_ERRORS = [400, 401, 403, 429] as const;
