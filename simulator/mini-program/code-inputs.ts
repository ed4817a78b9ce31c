import { z } from "zod";
import { AUDIT_OUTCOMES } from "./code-types";

// What the control surface takes for code management, from JS callers and from the page's forms alike (forms send
// strings: "a|b" screenshots, pages one per line or comma-separated, "on" for a checkbox).

const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());
const booleanish = z.preprocess((value) => (typeof value === "string" ? ["true", "on", "1"].includes(value) : value), z.boolean());
const splitOn = (separator: RegExp) => (value: unknown) =>
  typeof value === "string"
    ? value
        .split(separator)
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

/** A page path inside the mini program: "pages/index/index", never with a leading "/". */
const PAGE_PATH = /^[\w-]+(\/[\w-]+)*$/;

export const ZTemplateDraftInput = z.object({
  componentAppid: optionalText,
  userVersion: z.string().min(1).max(64),
  userDesc: z.string().optional(),
  pages: z.preprocess(
    (value) => (value === "" ? undefined : splitOn(/[\s,]+/)(value)),
    z.array(z.string().regex(PAGE_PATH, "a page is a path like pages/index/index")).min(1).optional(),
  ),
});

export const ZAuditDecisionInput = z.object({
  appid: z.string().min(1),
  componentAppid: optionalText,
  outcome: z.enum(AUDIT_OUTCOMES),
  reason: optionalText,
  screenshots: z.preprocess(splitOn(/\|/), z.array(z.string().min(1)).optional()),
});

export const ZAccountProfileInput = z.object({ appid: z.string().min(1), isComplete: booleanish });

export const ZAuditQuotaInput = z.object({
  componentAppid: optionalText,
  rest: z.coerce.number().int().min(0),
  speedupRest: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).optional()),
});

export type TTemplateDraftInput = z.input<typeof ZTemplateDraftInput>;
export type TAuditDecisionInput = z.input<typeof ZAuditDecisionInput>;
export type TAccountProfileInput = z.input<typeof ZAccountProfileInput>;
export type TAuditQuotaInput = z.input<typeof ZAuditQuotaInput>;
