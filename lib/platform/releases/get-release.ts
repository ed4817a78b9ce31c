import { getDb } from "../../db";
import { AppError } from "../../errors";
import { explainCodeError } from "../../wechat/code-errors";
import { countTargetStates } from "./report-release-progress";
import { TARGET_STATES, type TTargetState } from "./release-vocabulary";

// GET /api/v1/releases/{id}: the campaign, its counts per state, and the accounts in each state (up to `perState`
// each, by priority; the page pages through one state with `state` and `cursor`).

export type GetReleaseOptions = { id: string; platformKey: string; state?: TTargetState; perState?: number; cursor?: number };

const campaignView = (campaign: Awaited<ReturnType<typeof findCampaign>>) => ({
  id: campaign.id,
  name: campaign.name,
  status: campaign.status,
  templateId: campaign.templateId,
  userVersion: campaign.userVersion,
  userDesc: campaign.userDesc,
  isSubmitAudit: campaign.isSubmitAudit,
  isAutoRelease: campaign.isAutoRelease,
  isSpeedUp: campaign.isSpeedUp,
  grayPercentage: campaign.grayPercentage,
  targetCount: campaign.targetCount,
  createdBy: campaign.createdBy,
  createdAt: campaign.createdAt,
  completedAt: campaign.completedAt,
});

const findCampaign = async (id: string, platformKey: string) => {
  const campaign = await getDb().releaseCampaign.findFirst({ where: { id, platformKey } });
  if (!campaign) throw new AppError("not_found", `No release campaign ${id} on this platform.`);
  return campaign;
};

export const getRelease = async ({ id, platformKey, state, perState = 100, cursor = 0 }: GetReleaseOptions) => {
  const campaign = await findCampaign(id, platformKey);
  const counts = await countTargetStates(id);
  const states = state ? [state] : TARGET_STATES.filter((name) => counts[name] > 0);
  const db = getDb();
  const accounts = Object.fromEntries(
    await Promise.all(
      states.map(async (name) => {
        const rows = await db.releaseTarget.findMany({
          where: { campaignId: id, state: name, priority: { gte: cursor } },
          orderBy: { priority: "asc" },
          take: perState,
          select: {
            appid: true,
            priority: true,
            errcode: true,
            error: true,
            failedStep: true,
            reason: true,
            auditId: true,
            attempts: true,
            updatedAt: true,
          },
        });
        return [
          name,
          rows.map((row) => ({
            ...row,
            explanation: row.errcode === null ? null : (explainCodeError(row.errcode) ?? null),
          })),
        ] as const;
      }),
    ),
  );
  return { ...campaignView(campaign), counts, accounts };
};

export const listReleases = async ({ platformKey, limit = 50 }: { platformKey: string; limit?: number }) => {
  const campaigns = await getDb().releaseCampaign.findMany({ where: { platformKey }, orderBy: { createdAt: "desc" }, take: limit });
  return Promise.all(campaigns.map(async (campaign) => ({ ...campaignView(campaign), counts: await countTargetStates(campaign.id) })));
};
