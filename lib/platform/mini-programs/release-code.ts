import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "./call-code-api";
import { requireCodeAccess } from "./code-access";
import { readCodeState, saveCodeState } from "./code-state";
import { recordCodeEvent } from "./record-code-event";

// POST …/code/release (admins): the version that passed review goes live for every user (85020 when the latest
// review has not passed, 85052 when it is already live).

export const releaseCode = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }) => {
  const access = await requireCodeAccess(ref);
  await callCodeApi({ target: access.target, path: "wxa/release", body: {}, actor });
  const row = await readCodeState(ref);
  await recordCodeEvent(ref, "release", `Released version ${row?.auditVersion ?? "?"}`, actor, { version: row?.auditVersion });
  return saveCodeState(ref, {
    releasedVersion: row?.auditVersion ?? null,
    releasedDesc: row?.auditDesc ?? null,
    releasedTemplateId: row?.auditTemplateId ?? null,
    releasedAt: new Date(),
    grayPercentage: null,
    isVisitOpen: true,
    isAuditReleased: true,
  });
};
