import { z } from "zod";
import { AUDIT_STATUSES } from "@/lib/wechat/mini-program-code";
import { ZAppid, ZInstant } from "./common";

// Mini Program code management: one account's versions and the actions on them, and the template library.

const ZNullableInstant = ZInstant.nullable();

export const ZMiniProgramCode = z
  .object({
    appid: ZAppid,
    trial: z
      .object({ version: z.string(), description: z.string(), templateId: z.number().int().nullable(), committedAt: ZNullableInstant })
      .nullable()
      .meta({ description: "The trial version (体验版) from the last commit" }),
    audit: z
      .object({
        auditId: z.string(),
        status: z.enum(AUDIT_STATUSES),
        version: z.string().nullable(),
        description: z.string().nullable(),
        templateId: z.number().int().nullable(),
        reason: z.string().nullable().meta({ description: "Why it failed or is delayed, as WeChat wrote it (may hold <br>)" }),
        screenshots: z.array(z.string()).meta({ description: "media_ids of the rejection screenshots" }),
        submittedAt: ZNullableInstant,
        decidedAt: ZNullableInstant,
        isSpedUp: z.boolean(),
        isReleased: z.boolean().meta({ description: "This review's version was released (a second release answers 85052)" }),
      })
      .nullable()
      .meta({ description: "The latest review" }),
    released: z
      .object({ version: z.string(), description: z.string(), templateId: z.number().int().nullable(), releasedAt: ZNullableInstant })
      .nullable()
      .meta({ description: "The live version" }),
    grayPercentage: z.number().int().nullable().meta({ description: "A running gray release's percentage" }),
    isVisitOpen: z.boolean().nullable().meta({ description: "false while visits are closed (暂停服务)" }),
    checkedAt: ZNullableInstant.meta({ description: "When wxopen last read the versions from WeChat" }),
  })
  .meta({ id: "MiniProgramCode" });

export const ZCodeQuery = z.object({
  refresh: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "true: read WeChat now (four calls); otherwise a read from the last minute is answered" }),
});

const ZExtJson = z
  .union([z.string().max(100_000, "extJson must be at most 100,000 characters"), z.record(z.string(), z.unknown())])
  .transform((value) => (typeof value === "string" ? value : JSON.stringify(value)))
  .meta({
    description: "ext_json: an object, or a string holding one; {{appid}}, {{nickName}}, {{principalName}} and `values` are filled in",
  });

export const ZCommitBody = z.object({
  templateId: z.number({ message: "templateId is required: a template id from GET /api/v1/component/templates" }).int().positive(),
  extJson: ZExtJson,
  values: z.record(z.string(), z.string().max(1000)).optional().meta({ description: "More placeholders' values for this account" }),
  userVersion: z
    .string({ message: "userVersion is required" })
    .trim()
    .min(1, "userVersion must not be empty")
    .max(64, "userVersion is at most 64 characters"),
  userDesc: z.string({ message: "userDesc is required" }).max(1000, "userDesc is at most 1,000 characters"),
});

const ZAuditItem = z.object({
  address: z.string().max(500).optional(),
  tag: z.string().max(220).optional(),
  title: z.string().max(32).optional(),
  first_class: z.string(),
  second_class: z.string(),
  third_class: z.string().optional(),
  first_id: z.number().int(),
  second_id: z.number().int(),
  third_id: z.number().int().optional(),
});

export const ZAuditBody = z.object({
  items: z
    .array(ZAuditItem)
    .min(1)
    .max(5, "WeChat takes 1 to 5 review items")
    .optional()
    .meta({ description: "item_list; without it, the first category (get_category) on the first page (get_page)" }),
  versionDesc: z.string().max(2000).optional(),
  feedbackInfo: z.string().max(200, "feedbackInfo is at most 200 characters").optional(),
  privacyApiNotUse: z.boolean().optional(),
  ugcDeclare: z.record(z.string(), z.unknown()).optional(),
});

export const ZGrayBody = z.object({
  percentage: z
    .number({ message: "percentage is required: 1 to 100" })
    .int()
    .min(1, "percentage is 1 to 100")
    .max(100, "percentage is 1 to 100"),
});

export const ZRollbackBody = z.object({
  appVersion: z.number().int().positive().optional().meta({ description: "One of GET …/code/history; the previous version when absent" }),
});

export const ZVisitBody = z.object({ status: z.enum(["open", "close"], { message: 'status is "open" or "close"' }) });

export const ZQrcodeQuery = z.object({
  path: z.string().max(500).optional().meta({ description: "The page the QR opens, with its query (page/index?x=1)" }),
});

export const ZAuditOptions = z.looseObject({
  categories: z.array(z.looseObject({})),
  pages: z.array(z.string()),
});

export const ZHistory = z.array(
  z.object({ appVersion: z.number().int(), userVersion: z.string(), userDesc: z.string(), committedAt: ZInstant }),
);

export const ZAuditQuota = z
  .object({ rest: z.number().int(), limit: z.number().int(), speedupRest: z.number().int(), speedupLimit: z.number().int() })
  .meta({ description: "The platform's review slots this month (shared by all its Mini Programs) and speed-ups" });

export const ZTemplate = z.object({
  templateId: z.number().int(),
  templateType: z.number().int().meta({ description: "0 ordinary, 1 standard" }),
  userVersion: z.string(),
  userDesc: z.string(),
  createdAt: ZInstant,
  sourceMiniProgram: z.string().nullable(),
  developer: z.string().nullable(),
  releasedCount: z.number().int().meta({ description: "Mini Programs whose live version wxopen committed from it" }),
  trialCount: z.number().int(),
  inReviewCount: z.number().int(),
});

export const ZDraft = z.object({ draftId: z.number().int(), userVersion: z.string(), userDesc: z.string(), createdAt: ZInstant });

export const ZTemplateQuery = z.object({ templateType: z.enum(["0", "1"]).optional() });

export const ZAddTemplateBody = z.object({
  draftId: z.number({ message: "draftId is required: a draft id from GET …/template-drafts" }).int().nonnegative(),
  templateType: z
    .union([z.literal(0), z.literal(1)])
    .default(0)
    .meta({ description: "0 ordinary (default), 1 standard" }),
});

export const ZTemplateIdParams = z.object({ templateId: z.coerce.number().int().nonnegative() });
