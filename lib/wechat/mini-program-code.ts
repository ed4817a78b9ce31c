import { z } from "zod";

// Mini Program code management (§11 of the protocol reference): the answers wxopen reads, and the words it uses for
// WeChat's numbers. Framework-free like the rest of lib/wechat.

/** get_auditstatus / get_latest_auditstatus `status`: 0 passed, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed. */
export const AUDIT_STATUSES = ["passed", "failed", "in_review", "withdrawn", "delayed"] as const;
export type TAuditStatus = (typeof AUDIT_STATUSES)[number];

export const auditStatusOf = (status: number): TAuditStatus | null => AUDIT_STATUSES[status] ?? null;

/** An audit WeChat is still deciding (a second submit answers 85009). */
export const isAuditPending = (status: string | null | undefined) => status === "in_review" || status === "delayed";

/** The audit events at the message URL (§11.3) and the audit status each one means. */
export const AUDIT_EVENTS = {
  weapp_audit_success: "passed",
  weapp_audit_fail: "failed",
  weapp_audit_delay: "delayed",
} as const satisfies Record<string, TAuditStatus>;
export type TAuditEvent = keyof typeof AUDIT_EVENTS;

export const isAuditEvent = (event: string | null): event is TAuditEvent => event !== null && Object.hasOwn(AUDIT_EVENTS, event);

/** The webhook type of each audit event (what internal services subscribe to). */
export const AUDIT_WEBHOOK_TYPES: Record<TAuditEvent, string> = {
  weapp_audit_success: "miniprogram.audit_passed",
  weapp_audit_fail: "miniprogram.audit_failed",
  weapp_audit_delay: "miniprogram.audit_delayed",
};

/** getversioninfo: the trial (exp_info) and the released version (release_info), each absent when there is none. */
export const ZVersionInfo = z.object({
  exp_info: z.object({ exp_time: z.number(), exp_version: z.string(), exp_desc: z.string() }).partial().optional(),
  release_info: z.object({ release_time: z.number(), release_version: z.string(), release_desc: z.string() }).partial().optional(),
});

/** get_latest_auditstatus (85058 when there was never an audit). The screenshot key differs between sources (§11.2.4). */
export const ZLatestAudit = z.object({
  auditid: z.union([z.number(), z.string()]).transform(String),
  status: z.number(),
  reason: z.string().optional(),
  ScreenShot: z.string().optional(),
  screenshot: z.string().optional(),
  user_version: z.string().optional(),
  user_desc: z.string().optional(),
  submit_audit_time: z.number().optional(),
});

export const ZGrayPlan = z.object({
  gray_release_plan: z.object({ status: z.number(), gray_percentage: z.number().optional() }).partial().optional(),
});

export const ZVisitStatus = z.object({ status: z.number() });

/** queryquota: the platform's monthly review slots (shared by all its Mini Programs) and speed-up slots. */
export const ZAuditQuota = z.object({ rest: z.number(), limit: z.number(), speedup_rest: z.number(), speedup_limit: z.number() });

export const ZHistory = z.object({
  version_list: z.array(z.object({ app_version: z.number(), user_version: z.string(), user_desc: z.string(), commit_time: z.number() })),
});

export const ZCategories = z.object({
  category_list: z.array(
    z.object({
      first_class: z.string(),
      second_class: z.string(),
      third_class: z.string().optional(),
      first_id: z.number(),
      second_id: z.number(),
      third_id: z.number().optional(),
    }),
  ),
});

export const ZPages = z.object({ page_list: z.array(z.string()) });

export const ZTemplate = z.object({
  template_id: z.number(),
  template_type: z.number().optional(),
  user_version: z.string(),
  user_desc: z.string(),
  create_time: z.number(),
  source_miniprogram_appid: z.string().optional(),
  source_miniprogram: z.string().optional(),
  developer: z.string().optional(),
});
export const ZTemplateList = z.object({ template_list: z.array(ZTemplate) });

export const ZDraft = z.object({ draft_id: z.number(), user_version: z.string(), user_desc: z.string(), create_time: z.number() });
export const ZDraftList = z.object({ draft_list: z.array(ZDraft) });

/** The keys a standard template's ext_json may hold (anything else is 9402203). */
export const STANDARD_EXT_KEYS = ["extAppid", "ext", "window"] as const;
