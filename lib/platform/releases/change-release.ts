import { getDb, type DbTransaction } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";
import { wakeReleaseWorker } from "./release-signal";

// Pause, resume, cancel and retry-failed (admins). Each is a compare-and-set on the campaign's status; a step already
// in flight finishes, but no new one starts while a campaign is not running. Cancelling stops accounts that have not
// reached review (reviews already submitted are left to WeChat); retrying sends failed accounts back to the step
// that failed.

export type TReleaseChange = "pause" | "resume" | "cancel" | "retry-failed";

const FROM: Record<TReleaseChange, string[]> = {
  pause: ["running"],
  resume: ["paused"],
  cancel: ["running", "paused"],
  "retry-failed": ["running", "paused", "completed"],
};
const TO: Record<TReleaseChange, string> = { pause: "paused", resume: "running", cancel: "cancelled", "retry-failed": "running" };
const RESUME_STATE: Record<string, string> = { commit: "queued", submit: "committed", release: "passed" };

export const changeRelease = async ({
  id,
  platformKey,
  change,
  actor,
}: {
  id: string;
  platformKey: string;
  change: TReleaseChange;
  actor: string;
}) => {
  const db = getDb();
  const campaign = await db.releaseCampaign.findFirst({ where: { id, platformKey } });
  if (!campaign) throw new AppError("not_found", `No release campaign ${id} on this platform.`);
  const affected = await db.$transaction(async (transaction: DbTransaction) => {
    const { count } = await transaction.releaseCampaign.updateMany({
      where: { id, status: { in: FROM[change] } },
      data: { status: TO[change], ...(change === "retry-failed" ? { completedAt: null } : {}) },
    });
    if (count === 0) throw new AppError("conflict", `The campaign is ${campaign.status}: it cannot ${change.replace("-", " ")} now.`);
    let moved = 0;
    if (change === "cancel")
      moved = (
        await transaction.releaseTarget.updateMany({
          where: { campaignId: id, state: { in: ["queued", "committed", "waiting_for_quota"] } },
          data: { state: "cancelled", nextAttemptAt: null },
        })
      ).count;
    if (change === "retry-failed")
      for (const [step, state] of Object.entries(RESUME_STATE))
        moved += (
          await transaction.releaseTarget.updateMany({
            where: { campaignId: id, state: "failed", failedStep: step },
            data: { state, attempts: 0, nextAttemptAt: null, errcode: null, error: null, failedStep: null },
          })
        ).count;
    await recordEvent(
      {
        kind: "release.campaign",
        platformKey,
        message: `Release campaign "${campaign.name}": ${change} (${moved} accounts)`,
        detail: { campaignId: id, change, moved },
        actor,
      },
      transaction,
    );
    return moved;
  });
  wakeReleaseWorker();
  return { id, status: TO[change], affected };
};
