import { beijingDay } from "./clock";
import type { TSimulatorContext } from "./context";

/** Counts one call against the API's daily quota; false once the quota is used up (45009). */
export const consumeQuota = (context: TSimulatorContext, api: string): boolean => {
  const key = `${beijingDay(context.clock.nowMs())}|${api}`;
  const used = context.state.quotaUsage.get(key) ?? 0;
  if (used >= context.config.dailyQuota) return false;
  context.state.quotaUsage.set(key, used + 1);
  return true;
};

export const quotaUsageToday = (context: TSimulatorContext) => {
  const prefix = `${beijingDay(context.clock.nowMs())}|`;
  return Object.fromEntries(
    [...context.state.quotaUsage].filter(([key]) => key.startsWith(prefix)).map(([key, used]) => [key.slice(prefix.length), used]),
  );
};

export const resetQuota = (context: TSimulatorContext) => context.state.quotaUsage.clear();
