import { getDb } from "../../db";
import { getEnv } from "../../env";
import type { TClaimedTarget } from "./run-release-step";

// The accounts due for their next step, each claimed with a compare-and-set on its lease: of running campaigns only,
// lowest priority number first (the order review slots go in). An in-flight state whose lease ran out is claimed like
// any other: its step asks WeChat what happened before calling again.

export const claimReleaseTargets = async ({ holder, limit, now = new Date() }: { holder: string; limit: number; now?: Date }) => {
  if (limit <= 0) return [];
  const db = getDb();
  const isFree = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const candidates = await db.releaseTarget.findMany({
    where: {
      campaign: { status: "running" },
      AND: [
        isFree,
        { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        {
          OR: [
            { state: { in: ["queued", "waiting_for_quota", "committing", "submitting", "releasing"] } },
            { state: "committed", campaign: { isSubmitAudit: true } },
            { state: "passed", campaign: { isAutoRelease: true } },
          ],
        },
      ],
    },
    include: { campaign: true },
    orderBy: [{ priority: "asc" }],
    take: limit * 2,
  });
  const leaseUntil = new Date(now.getTime() + getEnv().RELEASE_STEP_LEASE_SECONDS * 1000);
  const claimed: TClaimedTarget[] = [];
  for (const candidate of candidates) {
    if (claimed.length >= limit) break;
    const { count } = await db.releaseTarget.updateMany({
      where: { campaignId: candidate.campaignId, appid: candidate.appid, state: candidate.state, ...isFree },
      data: { leaseHolder: holder, leaseUntil, attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push(candidate);
  }
  return claimed;
};
