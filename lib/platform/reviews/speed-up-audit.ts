import { AppError } from "../../errors";
import { isAuditPending } from "../../wechat/mini-program-code";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess } from "../mini-programs/code-access";
import { readCodeState, saveCodeState } from "../mini-programs/code-state";
import { recordCodeEvent } from "../mini-programs/record-code-event";

// POST …/code/audit/speedup: ask WeChat to review the audit in progress within 2–12 h. Spends one of the platform's
// monthly speed-up slots (queryquota's speedup_rest; 89405 when none are left).

export const speedUpAudit = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }) => {
  const access = await requireCodeAccess(ref);
  const row = await readCodeState(ref);
  if (!row?.auditId || !isAuditPending(row.auditStatus))
    throw new AppError("conflict", "There is no review in progress to speed up (read GET …/code if one was submitted outside wxopen).");
  await callCodeApi({ target: access.target, path: "wxa/speedupaudit", body: { auditid: Number(row.auditId) }, actor });
  await recordCodeEvent(ref, "speedup", `Asked WeChat to speed up audit ${row.auditId}`, actor, { auditId: row.auditId });
  return saveCodeState(ref, { isAuditSpedUp: true });
};
