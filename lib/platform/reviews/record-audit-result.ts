import { getDb } from "../../db";
import { AUDIT_EVENTS, type TAuditEvent } from "../../wechat/mini-program-code";
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

export const recordAuditResult = async ({ ref, event, reason, screenshots, at }: RecordAuditResultOptions) => {
  const status = AUDIT_EVENTS[event];
  const db = getDb();
  const { count } = await db.miniProgramCode.updateMany({
    where: { ...ref, auditStatus: { in: ["in_review", "delayed"] } },
    data: {
      auditStatus: status,
      auditReason: reason,
      auditScreenshots: status === "failed" ? screenshots : null,
      auditDecidedAt: status === "delayed" ? null : at,
    },
  });
  if (count === 0) await db.miniProgramCode.updateMany({ where: ref, data: { checkedAt: null } });
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
