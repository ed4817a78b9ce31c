import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess } from "../mini-programs/code-access";
import { saveCodeState } from "../mini-programs/code-state";
import { recordCodeEvent } from "../mini-programs/record-code-event";

// POST …/code/audit/undo: withdraw the review in progress (undocodeaudit). WeChat allows 5 a day and 10 a month per
// Mini Program (87013 past them) and has no API that tells how many are left.

export const undoAudit = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }) => {
  const access = await requireCodeAccess(ref);
  await callCodeApi({ target: access.target, path: "wxa/undocodeaudit", method: "GET", actor });
  await recordCodeEvent(ref, "undo", "Withdrew the review in progress", actor);
  return saveCodeState(ref, { auditStatus: "withdrawn", auditDecidedAt: new Date() });
};
