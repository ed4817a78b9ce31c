import { findAccount } from "../authorizations";
import { parse } from "../control/control-route";
import type { TSimulatorContext } from "../context";
import { SimulatorError } from "../errors";
import type { TMessageRecord } from "../messages";
import { requirePlatform } from "../platforms";
import { auditQuota, setAuditQuota, type TAuditQuota } from "./audit-quota";
import { decideAudit } from "./audit-review";
import {
  ZAccountProfileInput,
  ZAuditDecisionInput,
  ZAuditQuotaInput,
  ZTemplateDraftInput,
  type TAccountProfileInput,
  type TAuditDecisionInput,
  type TAuditQuotaInput,
  type TTemplateDraftInput,
} from "./code-inputs";
import type { TDraft, TTemplate } from "./code-types";
import { miniProgramView, type TAuditView, type TMiniProgramView } from "./mini-program-view";
import { auditInReview, ensureSlots, findSlots } from "./slots";
import { addDraft, DEFAULT_PAGES, libraryOf } from "./template-library";

// The simulator's code-management controls (§11): what WeChat's side does that no API call does (an upload from the
// developer tools, the reviewer's verdict, an operator granting quota), and views of the state for tests and the page.

export type TMiniProgramSimulator = {
  /** A draft in the platform's draft box (the primary one unless named), as if uploaded from the developer tools. */
  addTemplateDraft: (input: TTemplateDraftInput) => { draftId: number };
  /** The platform's drafts and templates (copies). */
  templateLibrary: (componentAppid?: string) => { drafts: TDraft[]; templates: TTemplate[] };
  /** A copy of the mini program's slots for the platform (the primary one unless named): trial, audits, online ... */
  miniProgram: (appid: string, componentAppid?: string) => TMiniProgramView;
  /** Every mini program with an active authorization, of every platform (the code-management page lists these). */
  miniPrograms: () => TMiniProgramView[];
  /** The next review's outcome for the mini program (used once; pass afterwards). */
  setAuditPlan: (input: TAuditDecisionInput) => TMiniProgramView;
  /** Decides the audit in review now, pushes its event, and resolves once the platform answered the push. */
  decideAudit: (input: TAuditDecisionInput) => Promise<{ audit: TAuditView; message: TMessageRecord | null }>;
  /** An incomplete profile (nickname, avatar or intro missing) makes submit_audit answer 86002. */
  setAccountProfile: (input: TAccountProfileInput) => { appid: string; isComplete: boolean };
  /** Sets what is left of the platform's audit (and speed-up) quota this month. */
  setAuditQuota: (input: TAuditQuotaInput) => TAuditQuota;
  auditQuota: (componentAppid?: string) => TAuditQuota;
};

/** A simulated mini program, and the platform named (404s for unknown ones, 400 for an Official Account). */
const requireMiniProgram = (context: TSimulatorContext, appid: string, componentAppid?: string) => {
  const account = findAccount(context, appid);
  if (account.kind !== "mini_program") throw new SimulatorError(`${appid} is an Official Account, not a mini program`);
  return { account, platform: requirePlatform(context, componentAppid) };
};

const viewOf = (context: TSimulatorContext, appid: string, componentAppid?: string) => {
  const { account, platform } = requireMiniProgram(context, appid, componentAppid);
  return miniProgramView(context, account, platform.componentAppid, findSlots(context, appid, platform.componentAppid));
};

/** Decides the audit in review now (a 409 when there is none): its view at once, and the push's outcome to wait for. */
export const startAuditDecision = (context: TSimulatorContext, input: TAuditDecisionInput) => {
  const { appid, componentAppid, ...decision } = parse(ZAuditDecisionInput, input);
  const { platform } = requireMiniProgram(context, appid, componentAppid);
  const slots = findSlots(context, appid, platform.componentAppid);
  const audit = slots && auditInReview(slots);
  if (!slots || !audit) throw new SimulatorError(`${appid} has no audit in review`, 409);
  const done = decideAudit(context, slots, audit, decision);
  const view = viewOf(context, appid, platform.componentAppid).audits.find((item) => item.auditid === audit.auditid);
  return { audit: view!, done };
};

export const miniProgramMethods = (context: TSimulatorContext): TMiniProgramSimulator => {
  const view = (appid: string, componentAppid?: string) => viewOf(context, appid, componentAppid);
  return {
    addTemplateDraft: (input) => {
      const { componentAppid, userVersion, userDesc, pages } = parse(ZTemplateDraftInput, input);
      const library = libraryOf(context, requirePlatform(context, componentAppid).componentAppid);
      const createTime = context.clock.nowSeconds();
      return {
        draftId: addDraft(library, { createTime, userVersion, userDesc: userDesc ?? "", pages: pages ?? [...DEFAULT_PAGES] }).draftId,
      };
    },
    templateLibrary: (componentAppid) => {
      const library = structuredClone(libraryOf(context, requirePlatform(context, componentAppid).componentAppid));
      return { drafts: library.drafts, templates: library.templates };
    },
    miniProgram: view,
    miniPrograms: () =>
      [...context.state.authorizations.values()]
        .filter(
          (authorization) => authorization.isActive && context.state.accounts.get(authorization.authorizerAppid)?.kind === "mini_program",
        )
        .map(({ authorizerAppid, componentAppid }) => view(authorizerAppid, componentAppid)),
    setAuditPlan: (input) => {
      const { appid, componentAppid, outcome, reason, screenshots } = parse(ZAuditDecisionInput, input);
      const { account, platform } = requireMiniProgram(context, appid, componentAppid);
      ensureSlots(context, account, platform.componentAppid).plan = { outcome, reason, screenshots };
      return view(appid, platform.componentAppid);
    },
    decideAudit: async (input) => {
      const { audit, done } = startAuditDecision(context, input);
      return { audit, message: await done };
    },
    setAccountProfile: (input) => {
      const { appid, isComplete } = parse(ZAccountProfileInput, input);
      requireMiniProgram(context, appid);
      if (isComplete) context.state.code.incompleteProfiles.delete(appid);
      else context.state.code.incompleteProfiles.add(appid);
      return { appid, isComplete };
    },
    setAuditQuota: (input) => {
      const { componentAppid, rest, speedupRest } = parse(ZAuditQuotaInput, input);
      return setAuditQuota(context, requirePlatform(context, componentAppid).componentAppid, rest, speedupRest);
    },
    auditQuota: (componentAppid) => auditQuota(context, requirePlatform(context, componentAppid).componentAppid),
  };
};
