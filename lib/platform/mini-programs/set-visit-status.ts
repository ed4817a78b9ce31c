import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "./call-code-api";
import { requireCodeAccess } from "./code-access";
import { saveCodeState } from "./code-state";
import { recordCodeEvent } from "./record-code-event";

// POST …/code/visit-status: close the released Mini Program to visitors (暂停服务) or open it again.

export const setVisitStatus = async ({ ref, isOpen, actor }: { ref: TAuthorizerRef; isOpen: boolean; actor: string }) => {
  const access = await requireCodeAccess(ref);
  await callCodeApi({ target: access.target, path: "wxa/change_visitstatus", body: { action: isOpen ? "open" : "close" }, actor });
  await recordCodeEvent(ref, "visit_status", isOpen ? "Opened the Mini Program to visitors" : "Closed the Mini Program to visitors", actor);
  return saveCodeState(ref, { isVisitOpen: isOpen });
};
