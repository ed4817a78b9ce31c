import { getDb } from "../../db";
import type { TAuditStatus } from "../../wechat/mini-program-code";
import { advanceReleaseTargets } from "../reviews/record-audit-result";

// The safety net behind the audit events: campaign accounts still in review whose Mini Program's stored review (kept
// current by the events and the slow check) has been decided take its result. Catches an event that arrived before
// the campaign recorded its submit.

const BATCH = 200;

export const reconcileReviews = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = getDb();
  const waiting = await db.releaseTarget.findMany({
    where: { state: { in: ["in_review", "delayed"] }, auditId: { not: null }, campaign: { status: { in: ["running", "paused"] } } },
    select: { platformKey: true, appid: true, auditId: true, state: true },
    orderBy: { updatedAt: "asc" },
    take: BATCH,
  });
  if (waiting.length === 0) return 0;
  const codes = await db.miniProgramCode.findMany({
    where: { OR: waiting.map(({ platformKey, appid }) => ({ platformKey, appid })) },
    select: { platformKey: true, appid: true, auditId: true, auditStatus: true, auditReason: true, auditDecidedAt: true },
  });
  const byKey = new Map(codes.map((code) => [`${code.platformKey}/${code.appid}`, code]));
  let moved = 0;
  for (const target of waiting) {
    const code = byKey.get(`${target.platformKey}/${target.appid}`);
    if (!code?.auditId || code.auditId !== target.auditId || !code.auditStatus || code.auditStatus === "in_review") continue;
    if (code.auditStatus === "delayed" && target.state === "delayed") continue;
    const { count } = await advanceReleaseTargets(
      { platformKey: target.platformKey, appid: target.appid },
      code.auditId,
      code.auditStatus as TAuditStatus,
      code.auditReason,
      code.auditDecidedAt ?? now,
    );
    moved += count;
  }
  return moved;
};
