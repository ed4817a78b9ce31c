import { getDb, type DbTransaction } from "../../db";
import { recordEvent } from "../activity/record-event";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { isFinalState, TARGET_STATES, type TTargetState } from "./release-vocabulary";

// Each running campaign's counts: a release.progress webhook at most every 10 s while accounts move, and
// release.completed once every account is final (compare-and-set on the campaign, so one instance sends each).

const PROGRESS_INTERVAL_MS = 10_000;

export type TStateCounts = Record<TTargetState, number>;

export const countTargetStates = async (campaignId: string): Promise<TStateCounts> => {
  const rows = await getDb().releaseTarget.groupBy({ by: ["state"], where: { campaignId }, _count: { _all: true } });
  const counts = Object.fromEntries(TARGET_STATES.map((state) => [state, 0])) as TStateCounts;
  for (const row of rows) if (row.state in counts) counts[row.state as TTargetState] = row._count._all;
  return counts;
};

export const reportReleaseProgress = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = getDb();
  const campaigns = await db.releaseCampaign.findMany({ where: { status: "running" } });
  for (const campaign of campaigns) {
    const counts = await countTargetStates(campaign.id);
    const isDone = TARGET_STATES.every((state) => counts[state] === 0 || isFinalState(state, campaign));
    const data = { id: campaign.id, name: campaign.name, userVersion: campaign.userVersion, total: campaign.targetCount, counts };
    if (isDone) {
      await db.$transaction(async (transaction: DbTransaction) => {
        const { count } = await transaction.releaseCampaign.updateMany({
          where: { id: campaign.id, status: "running" },
          data: { status: "completed", completedAt: now },
        });
        if (count === 0) return;
        await enqueueDeliveries(transaction, [
          { type: "release.completed", appid: null, platformKey: campaign.platformKey, occurredAt: now, data },
        ]);
        await recordEvent(
          {
            kind: "release.campaign",
            platformKey: campaign.platformKey,
            message: `Release campaign "${campaign.name}" completed: ${counts.released} released, ${counts.rejected} rejected, ${counts.failed} failed`,
            detail: { campaignId: campaign.id, counts },
            actor: "wxopen:releases",
          },
          transaction,
        );
      });
      continue;
    }
    const sentAt = campaign.progressSentAt;
    if (sentAt && now.getTime() - sentAt.getTime() < PROGRESS_INTERVAL_MS) continue;
    // Only when an account moved since the last report: a campaign waiting days for reviews sends nothing meanwhile.
    if (sentAt && (await db.releaseTarget.count({ where: { campaignId: campaign.id, updatedAt: { gt: sentAt } } })) === 0) continue;
    await db.$transaction(async (transaction: DbTransaction) => {
      const { count } = await transaction.releaseCampaign.updateMany({
        where: { id: campaign.id, progressSentAt: sentAt },
        data: { progressSentAt: now },
      });
      if (count === 1)
        await enqueueDeliveries(transaction, [
          { type: "release.progress", appid: null, platformKey: campaign.platformKey, occurredAt: now, data },
        ]);
    });
  }
};
