import { getDb, type DbTransaction } from "../../db";
import { log } from "../../log";
import { AUDIT_EVENTS, AUDIT_WEBHOOK_TYPES, isAuditPending, type TAuditEvent } from "../../wechat/mini-program-code";
import { recordEvent } from "../activity/record-event";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { requireCodeAccess } from "../mini-programs/code-access";
import { readCodeFromWechat } from "../mini-programs/read-code-from-wechat";

// The slow check behind the audit events: reviews wxopen still believes in progress and has not read for 30 minutes
// are read from WeChat (get_latest_auditstatus and the rest), a few per sweep, on the instance holding the sweep's
// chore lease. A result found this way (its event was lost) is logged and forwarded like the event would have been.

const STALE_AFTER_MS = 30 * 60_000;
const PER_RUN = 20;

const eventOfStatus = (status: string) =>
  (Object.entries(AUDIT_EVENTS) as [TAuditEvent, string][]).find(([, value]) => value === status)?.[0] ?? null;

export const checkPendingAudits = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = getDb();
  const rows = await db.miniProgramCode.findMany({
    where: {
      auditStatus: { in: ["in_review", "delayed"] },
      OR: [{ checkedAt: null }, { checkedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } }],
    },
    orderBy: { checkedAt: "asc" },
    take: PER_RUN,
  });
  let decided = 0;
  for (const row of rows) {
    const ref = { platformKey: row.platformKey, appid: row.appid };
    try {
      const change = await readCodeFromWechat(await requireCodeAccess(ref), row, "wxopen:audit-check");
      const event =
        change.auditId === row.auditId && !isAuditPending(change.auditStatus) ? eventOfStatus(String(change.auditStatus)) : null;
      await db.$transaction(async (transaction: DbTransaction) => {
        // Compare-and-set on the audit read: an event that arrived meanwhile wins.
        const { count } = await transaction.miniProgramCode.updateMany({
          where: { ...ref, auditId: row.auditId, auditStatus: row.auditStatus },
          data: change,
        });
        if (count === 0 || !event) return;
        decided += 1;
        const audit = {
          status: AUDIT_EVENTS[event],
          reason: change.auditReason ?? null,
          screenshots: String(change.auditScreenshots ?? "")
            .split("|")
            .filter(Boolean),
        };
        await recordEvent(
          {
            kind: "miniprogram.audit",
            ...ref,
            outcome: audit.status === "failed" ? "error" : "ok",
            message: `Review ${audit.status} (found by the slow check; its event did not arrive)`,
            detail: { status: audit.status, source: "check" },
            actor: "wxopen:audit-check",
          },
          transaction,
        );
        await enqueueDeliveries(transaction, [
          {
            type: AUDIT_WEBHOOK_TYPES[event],
            appid: row.appid,
            platformKey: row.platformKey,
            occurredAt: now,
            data: { audit, source: "check" },
          },
        ]);
      });
    } catch (error) {
      // An account that lost set 18 or its authorization is read again in 30 minutes; the log says why.
      await db.miniProgramCode.updateMany({ where: ref, data: { checkedAt: now } });
      log.warn("miniprogram.audit_check_failed", { appid: row.appid, error });
    }
  }
  return { checked: rows.length, decided };
};
