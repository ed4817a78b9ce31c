import { getDb, type DbTransaction } from "../../db";
import { AppError } from "../../errors";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { platformKeyOf } from "../platforms/platform-key";
import { wakeReleaseWorker } from "./release-signal";
import { planRelease, type TReleaseInput } from "./plan-release";

// POST /api/v1/releases: the campaign and one queued row per account, written together; the workers on every
// instance take it from there. The answer says how many accounts this month's review slots cover now.

export type CreateReleaseOptions = TReleaseInput & {
  name?: string;
  isAutoRelease: boolean;
  /** Speed each review up while the month's speed-up slots last. */
  isSpeedUp?: boolean;
  grayPercentage?: number;
  /** modify_domain_directly's lists (requestdomain, wsrequestdomain, uploaddomain, downloaddomain …), set before the commit. */
  domains?: Record<string, string[]>;
  /** setprivacysetting's body (owner_setting, setting_list), applied after the commit. */
  privacy?: Record<string, unknown>;
};

/** SQLite takes 999 parameters a statement: 100 rows of 6 columns stay well under it. */
const CHUNK = 100;

export const createRelease = async (options: CreateReleaseOptions) => {
  if (options.isAutoRelease && !options.isSubmitAudit)
    throw new AppError("bad_request", "autoRelease needs submitAudit: only a version that passed review can be released.");
  if (options.grayPercentage !== undefined && !options.isAutoRelease)
    throw new AppError("bad_request", "grayPercentage applies to the automatic release: set autoRelease too.");
  const plan = await planRelease(options);
  const platformKey = platformKeyOf(options.platform);
  const id = await getDb().$transaction(async (transaction: DbTransaction) => {
    const campaign = await transaction.releaseCampaign.create({
      data: {
        platformKey,
        name: options.name?.trim() || `${options.userVersion} (template ${options.templateId})`,
        templateId: options.templateId,
        userVersion: options.userVersion,
        userDesc: options.userDesc,
        extJson: encryptSecret(options.extJson),
        isSubmitAudit: options.isSubmitAudit,
        isAutoRelease: options.isAutoRelease,
        isSpeedUp: options.isSpeedUp ?? false,
        grayPercentage: options.grayPercentage ?? null,
        domains: options.domains ? JSON.stringify(options.domains) : null,
        privacy: options.privacy ? JSON.stringify(options.privacy) : null,
        targetCount: plan.targets.length,
        createdBy: options.actor,
      },
    });
    for (let at = 0; at < plan.targets.length; at += CHUNK)
      await transaction.releaseTarget.createMany({
        data: plan.targets.slice(at, at + CHUNK).map((target, index) => ({
          campaignId: campaign.id,
          appid: target.appid,
          platformKey,
          priority: at + index,
          values: Object.keys(target.values).length > 0 ? encryptSecret(JSON.stringify(target.values)) : null,
        })),
      });
    await recordEvent(
      {
        kind: "release.campaign",
        platformKey,
        message: `Started release campaign "${campaign.name}": ${plan.targets.length} Mini Programs, version ${options.userVersion}`,
        detail: { campaignId: campaign.id, targetCount: plan.targets.length, submittableNow: plan.submittableNow },
        actor: options.actor,
      },
      transaction,
    );
    return campaign.id;
  });
  wakeReleaseWorker();
  return {
    id,
    targetCount: plan.targets.length,
    quota: plan.quota,
    submittableNow: plan.submittableNow,
    waitingForQuota: plan.waitingForQuota,
  };
};
