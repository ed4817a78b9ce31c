import { readCodeState, saveCodeState } from "../mini-programs/code-state";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess } from "../mini-programs/code-access";
import { defaultAuditItem, readAuditOptions, type TAuditItem } from "./get-audit-options";
import { recordCodeEvent } from "../mini-programs/record-code-event";

// POST …/code/audit: the trial version goes to WeChat's review. One of the platform's monthly review slots is spent
// (queryquota); the result arrives as an audit event at the message URL (record-audit-result.ts).

export type SubmitAuditOptions = {
  ref: TAuthorizerRef;
  /** 1–5 review items; without them, the first category on the first page. */
  items?: TAuditItem[];
  versionDesc?: string;
  /** Only read by WeChat after a rejection. */
  feedbackInfo?: string;
  /** Declares that privacy APIs WeChat detected but ext_json does not declare are not used (clears 61040). */
  privacyApiNotUse?: boolean;
  ugcDeclare?: Record<string, unknown>;
  actor: string;
};

export const submitAudit = async ({ ref, items, versionDesc, feedbackInfo, privacyApiNotUse, ugcDeclare, actor }: SubmitAuditOptions) => {
  const access = await requireCodeAccess(ref);
  const itemList = items && items.length > 0 ? items : defaultAuditItem(await readAuditOptions(access, actor));
  const answer = await callCodeApi({
    target: access.target,
    path: "wxa/submit_audit",
    body: {
      item_list: itemList,
      ...(versionDesc ? { version_desc: versionDesc } : {}),
      ...(feedbackInfo ? { feedback_info: feedbackInfo } : {}),
      ...(privacyApiNotUse ? { privacy_api_not_use: true } : {}),
      ...(ugcDeclare ? { ugc_declare: ugcDeclare } : {}),
    },
    actor,
  });
  const auditId = String(answer.auditid ?? "");
  const trial = await readCodeState(ref);
  await recordCodeEvent(ref, "submit", `Submitted version ${trial?.trialVersion ?? "?"} for review (audit ${auditId})`, actor, { auditId });
  return saveCodeState(ref, {
    auditId,
    auditStatus: "in_review",
    auditVersion: trial?.trialVersion ?? null,
    auditDesc: trial?.trialDesc ?? null,
    auditTemplateId: trial?.trialTemplateId ?? null,
    auditReason: null,
    auditScreenshots: null,
    auditSubmittedAt: new Date(),
    auditDecidedAt: null,
    isAuditSpedUp: false,
    isAuditReleased: false,
  });
};
