import { beijingDay, beijingMonth } from "./clock";
import type { TSimulatorContext, TTokenRecord } from "./context";
import { platformAppid } from "./platforms";

const CLEARS_PER_MONTH = 10;

/** Whose daily quota a call uses: the account an authorizer token acts for, else the platform whose token it is (§7, §12). */
export const quotaOwner = (context: TSimulatorContext, token: TTokenRecord | undefined) =>
  token?.authorizerAppid ?? platformAppid(context, token?.componentAppid);

const usageKey = (context: TSimulatorContext, owner: string, api: string) => `${beijingDay(context.clock.nowMs())}|${owner}|${api}`;

/** Calls the owner made to the API today. */
export const quotaUsed = (context: TSimulatorContext, owner: string, api: string) =>
  context.state.quotaUsage.get(usageKey(context, owner, api)) ?? 0;

/** Counts one call against the owner's daily quota for the API; false once it is used up (45009). */
export const consumeQuota = (context: TSimulatorContext, owner: string, api: string): boolean => {
  const used = quotaUsed(context, owner, api);
  if (used >= context.config.dailyQuota) return false;
  context.state.quotaUsage.set(usageKey(context, owner, api), used + 1);
  return true;
};

/** Today's counters, owner appid → API → calls. */
export const quotaUsageToday = (context: TSimulatorContext) => {
  const prefix = `${beijingDay(context.clock.nowMs())}|`;
  const usage: Record<string, Record<string, number>> = {};
  for (const [key, used] of context.state.quotaUsage) {
    if (!key.startsWith(prefix)) continue;
    const [owner, api] = key.slice(prefix.length).split("|");
    usage[owner] = { ...usage[owner], [api]: used };
  }
  return usage;
};

/** Resets one owner's daily counters (clear_quota acts for a single account, or the platform). */
export const resetQuota = (context: TSimulatorContext, owner: string) => {
  for (const key of context.state.quotaUsage.keys()) {
    if (key.split("|")[1] === owner) context.state.quotaUsage.delete(key);
  }
};

/** Counts one reset against the target's 10 a month, which clear_quota and clear_quota/v2 share; false past it (48006). */
export const takeQuotaClear = (context: TSimulatorContext, target: string): boolean => {
  const key = `${beijingMonth(context.clock.nowMs())}|${target}`;
  const used = context.state.quotaClears.get(key) ?? 0;
  if (used >= CLEARS_PER_MONTH) return false;
  context.state.quotaClears.set(key, used + 1);
  return true;
};
