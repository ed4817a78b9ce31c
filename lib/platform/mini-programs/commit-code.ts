import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "./call-code-api";
import { requireCodeAccess } from "./code-access";
import { saveCodeState } from "./code-state";
import { recordCodeEvent } from "./record-code-event";
import { renderExtJson, type TExtJsonValues } from "./render-ext-json";

// POST …/code/commit: a template with this account's ext_json becomes its trial version (体验版). WeChat then runs a
// privacy check for about a minute, during which a submit answers 61039.

export type CommitCodeOptions = {
  ref: TAuthorizerRef;
  templateId: number;
  /** A template: {{appid}}, {{nickName}}, {{principalName}} and `values` are filled in (render-ext-json.ts). */
  extJson: string;
  values?: TExtJsonValues;
  userVersion: string;
  userDesc: string;
  actor: string;
};

export const commitCode = async ({ ref, templateId, extJson, values = {}, userVersion, userDesc, actor }: CommitCodeOptions) => {
  const access = await requireCodeAccess(ref);
  const filled = renderExtJson(extJson, { ...values, appid: ref.appid, nickName: access.nickName, principalName: access.principalName });
  await callCodeApi({
    target: access.target,
    path: "wxa/commit",
    body: { template_id: templateId, ext_json: filled, user_version: userVersion, user_desc: userDesc },
    actor,
  });
  await recordCodeEvent(ref, "commit", `Committed template ${templateId} as version ${userVersion}`, actor, { templateId, userVersion });
  return saveCodeState(ref, {
    trialVersion: userVersion,
    trialDesc: userDesc,
    trialTemplateId: templateId,
    trialCommittedAt: new Date(),
  });
};
