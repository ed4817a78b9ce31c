import { getDb } from "../../db";
import { AUDIT_EVENTS, type TAuditEvent, type TAuditStatus } from "../../wechat/mini-program-code";
import { recordEvent } from "../activity/record-event";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";

// An audit event from the message URL (weapp_audit_success / _fail / _delay, §11.3) updates the account's review at
// once. The event names no auditid: it applies to the review in progress. When wxopen knows of none (the submit was
// made elsewhere, or its answer is not saved yet), the row is marked unread so the next read asks WeChat.

export type RecordAuditResultOptions = {
  ref: TAuthorizerRef;
  event: TAuditEvent;
  /** Reject or delay reason, as WeChat wrote it. */
  reason: string | null;
  /** |-joined media_ids of the reject screenshots. */
  screenshots: string | null;
  at: Date;
};

/** The campaign state an audit status leads to. */
export const TARGET_STATE_OF_AUDIT = {
  passed: "passed",
  failed: "rejected",
  delayed: "delayed",
  withdrawn: "failed",
  in_review: "in_review",
} as const;

/** Campaign accounts waiting on this audit take its result (compare-and-set on their review states). */
export const advanceReleaseTargets = (ref: TAuthorizerRef, auditId: string, status: TAuditStatus, reason: string | null, at: Date) =>
  getDb().releaseTarget.updateMany({
    where: { ...ref, auditId, state: { in: ["in_review", "delayed"] } },
    data: {
      state: TARGET_STATE_OF_AUDIT[status],
      reason,
      decidedAt: status === "delayed" ? null : at,
      ...(status === "withdrawn" ? { failedStep: "submit", error: "The review was withdrawn outside this campaign." } : {}),
    },
  });

export const recordAuditResult = async ({ ref, event, reason, screenshots, at }: RecordAuditResultOptions) => {
  const status = AUDIT_EVENTS[event];
  const db = getDb();
  const pending = await db.miniProgramCode.findFirst({
    where: { ...ref, auditStatus: { in: ["in_review", "delayed"] } },
    select: { auditId: true },
  });
  const { count } = pending
    ? await db.miniProgramCode.updateMany({
        where: { ...ref, auditId: pending.auditId, auditStatus: { in: ["in_review", "delayed"] } },
        data: {
          auditStatus: status,
          auditReason: reason,
          auditScreenshots: status === "failed" ? screenshots : null,
          auditDecidedAt: status === "delayed" ? null : at,
        },
      })
    : { count: 0 };
  if (count === 0) await db.miniProgramCode.updateMany({ where: ref, data: { checkedAt: null } });
  // A release campaign waiting on this review moves on at once (its worker also reconciles, in case this is missed).
  if (pending?.auditId) await advanceReleaseTargets(ref, pending.auditId, status, reason, at);
  await recordEvent({
    kind: "miniprogram.audit",
    platformKey: ref.platformKey,
    appid: ref.appid,
    outcome: status === "failed" ? "error" : "ok",
    message: `Review ${status}${reason ? `: ${reason.replace(/<br\s*\/?>/gi, " ").slice(0, 300)}` : ""}`,
    detail: { status },
    actor: "wechat",
  });
  return { status, isKnownAudit: count > 0 };
};
