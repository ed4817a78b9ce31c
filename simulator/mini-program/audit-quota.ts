import { beijingMonth } from "../clock";
import type { TSimulatorContext } from "../context";
import { platformKey } from "./slots";

// The audit quota belongs to the platform, not the mini program (§11.2.4): all its mini programs share `rest`
// submissions and `speedup_rest` speed-ups a Beijing-time month. Usage is counted, so a new limit applies at once.

export type TAuditQuota = { rest: number; limit: number; speedupRest: number; speedupLimit: number };

const usageKey = (context: TSimulatorContext, componentAppid?: string) =>
  `${beijingMonth(context.clock.nowMs())}|${platformKey(context, componentAppid)}`;

const usageOf = (context: TSimulatorContext, componentAppid?: string) => {
  const key = usageKey(context, componentAppid);
  const usage = context.state.code.quotaUsage.get(key) ?? { audits: 0, speedups: 0 };
  context.state.code.quotaUsage.set(key, usage);
  return usage;
};

/** This month's quota of the platform (the primary one unless named). */
export const auditQuota = (context: TSimulatorContext, componentAppid?: string): TAuditQuota => {
  const usage = context.state.code.quotaUsage.get(usageKey(context, componentAppid)) ?? { audits: 0, speedups: 0 };
  const { auditQuotaLimit: limit, speedupQuotaLimit: speedupLimit } = context.config;
  return {
    rest: Math.max(0, limit - usage.audits),
    limit,
    speedupRest: Math.max(0, speedupLimit - usage.speedups),
    speedupLimit,
  };
};

/** Takes one submission from the platform's quota; false when none is left (85085). */
export const takeAuditQuota = (context: TSimulatorContext, componentAppid?: string) => {
  if (auditQuota(context, componentAppid).rest <= 0) return false;
  usageOf(context, componentAppid).audits += 1;
  return true;
};

/** Takes one speed-up; false when none is left (89405). */
export const takeSpeedupQuota = (context: TSimulatorContext, componentAppid?: string) => {
  if (auditQuota(context, componentAppid).speedupRest <= 0) return false;
  usageOf(context, componentAppid).speedups += 1;
  return true;
};

/** Control: what is left this month (WeChat's operators can grant more, api_setcodeauditquota). */
export const setAuditQuota = (context: TSimulatorContext, componentAppid: string | undefined, rest: number, speedupRest?: number) => {
  const usage = usageOf(context, componentAppid);
  usage.audits = context.config.auditQuotaLimit - rest;
  if (speedupRest !== undefined) usage.speedups = context.config.speedupQuotaLimit - speedupRest;
  return auditQuota(context, componentAppid);
};
