import type { TAccount } from "../accounts";
import { authorizationKey } from "../authorizations";
import type { TSimulatorContext } from "../context";
import { addedPlatformAppid } from "../platforms";
import type { TAudit, TMiniProgramSlots } from "./code-types";

// A mini program's versions are kept per platform authorization (appid + platform), as WeChat keeps them for the
// platform holding its 开发管理 permission. Slots are made on the first code-management call, not per account.

/** Audits kept per mini program: enough for any history a test or a page reads. */
const MAX_AUDITS = 20;

/** "" for the primary platform, else the added platform's appid: how libraries and quotas are keyed. */
export const platformKey = (context: TSimulatorContext, componentAppid?: string) => addedPlatformAppid(context, componentAppid) ?? "";

export const slotsKey = (context: TSimulatorContext, appid: string, componentAppid?: string) =>
  authorizationKey(context, appid, componentAppid);

export const findSlots = (context: TSimulatorContext, appid: string, componentAppid?: string) =>
  context.state.code.miniPrograms.get(slotsKey(context, appid, componentAppid));

export const ensureSlots = (context: TSimulatorContext, account: TAccount, componentAppid?: string): TMiniProgramSlots => {
  const key = slotsKey(context, account.appid, componentAppid);
  const existing = context.state.code.miniPrograms.get(key);
  if (existing) return existing;
  const added = addedPlatformAppid(context, componentAppid);
  const slots: TMiniProgramSlots = {
    appid: account.appid,
    ...(added ? { componentAppid: added } : {}),
    scanEndsAtMs: 0,
    audits: [],
    history: [],
    isRolledBack: false,
    nextAppVersion: 1,
    isVisitOpen: true,
    undoTimesMs: [],
    // The server domains the account had configured before it was authorized.
    domains: {
      requestdomain: [...(account.requestDomains ?? [])],
      wsrequestdomain: [],
      uploaddomain: [],
      downloaddomain: [],
      udpdomain: [],
      tcpdomain: [],
    },
    privacy: {},
  };
  context.state.code.miniPrograms.set(key, slots);
  return slots;
};

export const latestAudit = (slots: TMiniProgramSlots) => slots.audits.at(-1);

/** The audit being reviewed (status 2, or 4 delayed): at most one, since submit_audit refuses a second (85009). */
export const auditInReview = (slots: TMiniProgramSlots) => {
  const latest = latestAudit(slots);
  return latest && (latest.status === 2 || latest.status === 4) ? latest : undefined;
};

export const findAudit = (slots: TMiniProgramSlots, auditid: number) => slots.audits.find((audit) => audit.auditid === auditid);

/** Files a new audit under its mini program, forgetting the oldest past the cap. */
export const addAudit = (context: TSimulatorContext, slots: TMiniProgramSlots, audit: TAudit) => {
  const { auditOwners } = context.state.code;
  slots.audits.push(audit);
  auditOwners.set(audit.auditid, slotsKey(context, slots.appid, slots.componentAppid));
  for (const old of slots.audits.splice(0, Math.max(0, slots.audits.length - MAX_AUDITS))) auditOwners.delete(old.auditid);
};
