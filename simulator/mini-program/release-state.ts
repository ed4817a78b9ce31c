import type { TSimulatorContext } from "../context";
import type { TAudit, TMiniProgramSlots, TOnlineVersion } from "./code-types";
import { latestAudit } from "./slots";

// Release, gray release and rollback (§11.2.5, §11.7): the online version, its history of 5, and the gray plan.

const MAX_HISTORY = 5;

export const isGrayRunning = (slots: TMiniProgramSlots) => slots.gray?.status === 1 || slots.gray?.status === 2;

/** The latest audit if it passed: what release and grayrelease publish. */
const passedLatest = (slots: TMiniProgramSlots) => {
  const latest = latestAudit(slots);
  return latest?.status === 0 ? latest : undefined;
};

const pushHistory = (slots: TMiniProgramSlots, version: TOnlineVersion) => {
  slots.history.push(version);
  slots.history.splice(0, Math.max(0, slots.history.length - MAX_HISTORY));
};

/** online ← the audit's snapshot; the previous online version goes on the history; a gray plan ends done at 100%. */
const publish = (context: TSimulatorContext, slots: TMiniProgramSlots, audit: TAudit) => {
  if (slots.online) pushHistory(slots, slots.online);
  const releaseTime = context.clock.nowSeconds();
  slots.online = {
    ...audit.version,
    pages: [...audit.version.pages],
    appVersion: slots.nextAppVersion++,
    releaseTime,
    auditid: audit.auditid,
  };
  audit.isReleased = true;
  slots.pendingAuditid = undefined;
  slots.isRolledBack = false;
  slots.isVisitOpen = true;
  if (audit.privacy) slots.privacy.live = structuredClone(audit.privacy);
  if (slots.gray && isGrayRunning(slots)) Object.assign(slots.gray, { status: 3, grayPercentage: 100 });
};

/** release: 85019 nothing ever passed, 85020 the latest audit did not pass, 85052 it is already released. */
export const release = (context: TSimulatorContext, slots: TMiniProgramSlots): number => {
  if (!slots.audits.some((audit) => audit.status === 0)) return 85019;
  const audit = passedLatest(slots);
  if (!audit) return 85020;
  if (audit.isReleased) return 85052;
  publish(context, slots, audit);
  return 0;
};

export type TGrayOptions = { percentage: unknown; supportDebugerFirst: boolean; supportExperiencerFirst: boolean };

/** grayrelease, checked in §11.7's order; 100% publishes the version to everyone. */
export const grayRelease = (context: TSimulatorContext, slots: TMiniProgramSlots, options: TGrayOptions): number => {
  const audit = passedLatest(slots);
  if (!audit) return 85080;
  // ⚠ Undocumented: a version already released to everyone has nothing left to gray; answered as release does.
  if (audit.isReleased) return 85052;
  if (!slots.online) return 85079;
  const { percentage } = options;
  if (typeof percentage !== "number" || !Number.isInteger(percentage) || percentage < 1 || percentage > 100) return 85081;
  const current = isGrayRunning(slots) && slots.gray?.auditid === audit.auditid ? slots.gray : undefined;
  if (current && percentage <= current.grayPercentage) return 85082;
  slots.gray = {
    status: 1,
    createTimestamp: current?.createTimestamp ?? context.clock.nowSeconds(),
    grayPercentage: percentage,
    supportDebugerFirst: options.supportDebugerFirst,
    supportExperiencerFirst: options.supportExperiencerFirst,
    auditid: audit.auditid,
  };
  if (percentage === 100) publish(context, slots, audit);
  return 0;
};

/** revertgrayrelease: everyone back on the online version; the plan is kept as deleted (4). */
export const revertGrayRelease = (slots: TMiniProgramSlots) => {
  if (slots.gray && isGrayRunning(slots)) slots.gray.status = 4;
};

/**
 * revertcoderelease: 87011 while graying; 87012 with nothing to go back to, after a rollback (without app_version),
 * or for an app_version not on the history. The version left goes on the history.
 */
export const revertRelease = (slots: TMiniProgramSlots, appVersion: string | null): number => {
  if (isGrayRunning(slots)) return 87011;
  const online = slots.online;
  if (!online) return 87012;
  let index = slots.history.length - 1;
  if (appVersion !== null) {
    index = /^\d+$/.test(appVersion) ? slots.history.findIndex((version) => version.appVersion === Number(appVersion)) : -1;
  } else if (slots.isRolledBack) {
    return 87012;
  }
  if (index < 0) return 87012;
  const [target] = slots.history.splice(index, 1);
  pushHistory(slots, online);
  slots.online = target;
  slots.isRolledBack = true;
  return 0;
};
