import { z } from "zod";
import { CAMPAIGN_STATUSES, TARGET_STATES } from "@/lib/platform/releases/release-vocabulary";
import { ZAppid, ZInstant } from "./common";

// Release campaigns: one template version across many Mini Programs.

const ZDomainList = z.array(z.string().max(300)).max(200);

export const ZReleaseBody = z.object({
  name: z.string().trim().max(100).optional(),
  templateId: z.number({ message: "templateId is required: a template id from GET /api/v1/component/templates" }).int().positive(),
  userVersion: z.string({ message: "userVersion is required" }).trim().min(1).max(64, "userVersion is at most 64 characters"),
  userDesc: z.string({ message: "userDesc is required" }).max(1000),
  extJson: z
    .union([z.string().max(100_000), z.record(z.string(), z.unknown())])
    .transform((value) => (typeof value === "string" ? value : JSON.stringify(value)))
    .meta({
      description: "ext_json template: {{appid}}, {{nickName}}, {{principalName}} and per-account values are filled in for each account",
    }),
  targets: z
    .union([z.object({ all: z.literal(true) }), z.object({ appids: z.array(ZAppid).min(1).max(5000) })])
    .optional()
    .meta({
      description:
        "{ all: true }: every Mini Program of the platform with set 18; { appids }: these, in this order (the order review slots go in). Absent: the CSV's accounts.",
    }),
  csv: z
    .string()
    .max(2_000_000)
    .optional()
    .meta({ description: "Per-account values: a header row starting with appid, then one column per placeholder" }),
  values: z
    .record(ZAppid, z.record(z.string(), z.string().max(1000)))
    .optional()
    .meta({ description: "Per-account values by appid" }),
  submitAudit: z.boolean().default(true),
  autoRelease: z.boolean().default(false).meta({ description: "Release each account as soon as its review passes" }),
  speedUp: z.boolean().default(false).meta({ description: "Speed each review up (speedupaudit) while the month's speed-up slots last" }),
  grayPercentage: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "With autoRelease: a gray release to this percentage instead" }),
  domains: z
    .object({
      requestdomain: ZDomainList.optional(),
      wsrequestdomain: ZDomainList.optional(),
      uploaddomain: ZDomainList.optional(),
      downloaddomain: ZDomainList.optional(),
      udpdomain: ZDomainList.optional(),
      tcpdomain: ZDomainList.optional(),
    })
    .optional()
    .meta({ description: "Server domains set (modify_domain_directly) before each commit" }),
  privacy: z
    .object({ owner_setting: z.record(z.string(), z.unknown()), setting_list: z.array(z.record(z.string(), z.unknown())).optional() })
    .loose()
    .optional()
    .meta({ description: "setprivacysetting's body, applied after each commit and before the submit" }),
});

const ZQuota = z
  .object({ rest: z.number().int(), limit: z.number().int(), speedupRest: z.number().int(), speedupLimit: z.number().int() })
  .nullable();

export const ZReleaseCreated = z.object({
  id: z.string(),
  targetCount: z.number().int(),
  quota: ZQuota.meta({ description: "The platform's review slots this month (null when the campaign does not submit)" }),
  submittableNow: z.number().int().meta({ description: "How many accounts the slots cover now, in priority order" }),
  waitingForQuota: z.number().int().meta({ description: "The rest wait in waiting_for_quota until slots come back" }),
});

export const ZReleasePreview = ZReleaseCreated.omit({ id: true }).extend({
  sample: z.object({ appid: ZAppid, extJson: z.string() }).meta({ description: "The first account's ext_json as WeChat will get it" }),
});

const ZCounts = z.record(z.enum(TARGET_STATES), z.number().int());

const ZCampaign = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  templateId: z.number().int(),
  userVersion: z.string(),
  userDesc: z.string(),
  isSubmitAudit: z.boolean(),
  isAutoRelease: z.boolean(),
  isSpeedUp: z.boolean(),
  grayPercentage: z.number().int().nullable(),
  targetCount: z.number().int(),
  createdBy: z.string(),
  createdAt: ZInstant,
  completedAt: ZInstant.nullable(),
  counts: ZCounts,
});

export const ZReleaseList = z.object({ items: z.array(ZCampaign) });

export const ZRelease = ZCampaign.extend({
  accounts: z.record(
    z.enum(TARGET_STATES),
    z.array(
      z.looseObject({
        appid: ZAppid,
        errcode: z.number().int().nullable(),
        error: z.string().nullable(),
        reason: z.string().nullable().meta({ description: "The review's reject or delay reason" }),
        explanation: z.object({ kind: z.string(), zh: z.string(), en: z.string() }).nullable(),
      }),
    ),
  ),
}).meta({ id: "ReleaseCampaign" });

export const ZReleaseQuery = z.object({
  state: z.enum(TARGET_STATES).optional().meta({ description: "Only this state's accounts" }),
  cursor: z.coerce.number().int().min(0).optional().meta({ description: "Accounts from this priority on" }),
  perState: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ZReleaseIdParams = z.object({ id: z.string().uuid("the campaign id is a UUID") });

export const ZReleaseChanged = z.object({ id: z.string(), status: z.enum(CAMPAIGN_STATUSES), affected: z.number().int() });
