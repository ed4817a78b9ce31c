import { z } from "zod";
import { MESSAGE_KINDS } from "../message-content";

/** Form posts from the index page send strings; JSON callers send real booleans and numbers. */
const booleanish = z.preprocess((value) => (typeof value === "string" ? ["true", "on", "1"].includes(value) : value), z.boolean());

/** A form's empty field means "not given". */
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

/** The platform an authorization, message or release check is for: the primary one when not given. */
const optionalPlatform = optionalText;

/** What the /authorizations/:appid/... routes take in their body besides the appid in the path. */
export const ZPlatformChoice = z.object({ componentAppid: optionalPlatform });

export const ZMessageBody = z.object({
  appid: z.string().min(1),
  componentAppid: optionalPlatform,
  kind: z.enum(MESSAGE_KINDS),
  openid: optionalText,
  content: optionalText,
  event: optionalText,
  eventKey: optionalText,
  fields: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Answer once the platform answered (default for JSON) or at once (default for the page's form). */
  wait: booleanish.optional(),
});

export const ZReleaseCheckBody = z.object({
  // The page's select sends "random" or "1".."5".
  group: z.preprocess(
    (value) => (value === "" || value === "random" ? undefined : value),
    z.coerce.number().int().min(1).max(5).optional(),
  ),
  componentAppid: optionalPlatform,
  /** Answer once every step has run; by default the run starts and its id comes back at once. */
  wait: booleanish.optional(),
});

export const ZPushBody = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .refine((message) => typeof message.InfoType === "string" && message.InfoType !== "", "InfoType is required");

export const ZClockBody = z.object({ advanceSeconds: z.coerce.number() });

export const ZBulkAccountsBody = z.object({
  count: z.coerce.number().int(),
  kind: z.enum(["official_account", "mini_program", "mixed"]).optional(),
  authorize: booleanish.optional(),
  shouldPush: booleanish.optional(),
});

export const ZAuthorizationBody = z.object({
  appid: z.string().min(1),
  componentAppid: optionalPlatform,
  // "1|2|3" as in category_id_list, or a JSON array.
  funcIds: z
    .union([z.array(z.coerce.number().int().positive()), z.string().transform((value) => value.split("|").filter(Boolean).map(Number))])
    .optional(),
  shouldPush: booleanish.optional(),
  /** Answer only once the authorized push has been delivered (or given up). */
  wait: booleanish.optional(),
});

export const ZConfigChange = z
  .object({
    componentAppid: z.string().min(1),
    componentAppsecret: z.string().min(1),
    token: z.string().min(1),
    encodingAesKey: z.string(),
    notifyUrl: z.string().url(),
    messageUrl: z.string().url(),
    ticketIntervalSeconds: z.number().nonnegative(),
    authDomains: z.array(z.string()),
    requireWechatUserAgent: z.boolean(),
    latencyMs: z.number().int().nonnegative(),
    tokenOverlapSeconds: z.number().nonnegative(),
    authorizerTokenLifetimeSeconds: z.number().int().positive(),
    preAuthCodeSeconds: z.number().positive(),
    authCodeSeconds: z.number().positive(),
    dailyQuota: z.number().int().nonnegative(),
    rotateRefreshTokenOnRefresh: z.boolean(),
    pushTimeoutMs: z.number().int().positive(),
    pushAttempts: z.number().int().min(1),
    pushRetryDelayMs: z.number().int().nonnegative(),
    messageTimeoutMs: z.number().int().positive(),
    messageAttempts: z.number().int().min(1),
    releaseCheckWaitMs: z.number().int().nonnegative(),
    privacyScanSeconds: z.number().nonnegative(),
    reviewSeconds: z.number().nonnegative(),
    auditQuotaLimit: z.number().int().nonnegative(),
    speedupQuotaLimit: z.number().int().nonnegative(),
    canCommitDuringAudit: z.boolean(),
  })
  .partial()
  .strict();
