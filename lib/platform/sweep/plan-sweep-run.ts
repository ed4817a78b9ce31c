import { getDb, type Prisma } from "../../db";
import { getEnv } from "../../env";
import { keptFreshWhere } from "../authorizers/kept-fresh";
import { log } from "../../log";
import { recordEvent } from "../activity/record-event";
import { acquireLease } from "../support/lease";
import type { TWechatCallLimit } from "../support/wechat-call-limit";
import { planSweepCapacity, type TSweepCapacityPlan } from "./plan-sweep-capacity";
import type { TSweepShard } from "./sweep-shard";

// What one sweep run plans with: how many tokens are in the window now, how many enter it over the next hour, and
// how long WeChat took in the last runs; and the warning when even the most allowed cannot keep up.

const HORIZON_SECONDS = 3600;
/** Before any refresh was measured. */
const FIRST_LATENCY_MS = 200;
const SHORTFALL_EVENT_INTERVAL_MS = 3600_000;

// WeChat's latency as this process last measured it (a moving average over runs).
const globalForSweep = globalThis as unknown as { wxopenSweepLatencyMs?: number };

/** Swept accounts whose token is missing or expires by the deadline and that are not backing off. */
export const dueWhere = (now: Date, deadline: Date): Prisma.AuthorizerWhereInput => ({
  ...keptFreshWhere(now),
  AND: [
    { OR: [{ accessTokenExpiresAt: null }, { accessTokenExpiresAt: { lte: deadline } }] },
    { OR: [{ nextRetryAt: null }, { nextRetryAt: { lte: now } }] },
  ],
});

/**
 * This instance's plan: the platform's due tokens and calls/s cap divided among the instances sweeping now (each
 * sweeps its share); the ceiling (REFRESH_CONCURRENCY_MAX) is per instance. The shortfall is the platform's.
 */
export const planSweepRun = async ({
  now,
  deadline,
  windowMinutes,
  shard,
}: {
  now: Date;
  deadline: Date;
  windowMinutes: number;
  shard: TSweepShard;
}) => {
  const env = getEnv();
  const db = getDb();
  const [backlog, dueWithinHorizon, last] = await Promise.all([
    db.authorizer.count({ where: dueWhere(now, deadline) }),
    db.authorizer.count({
      where: { ...keptFreshWhere(now), accessTokenExpiresAt: { gt: deadline, lte: new Date(deadline.getTime() + HORIZON_SECONDS * 1000) } },
    }),
    globalForSweep.wxopenSweepLatencyMs === undefined
      ? db.sweepRun.findFirst({ where: { latencyMs: { not: null } }, orderBy: { id: "desc" }, select: { latencyMs: true } })
      : null,
  ]);
  const latencyMs = globalForSweep.wxopenSweepLatencyMs ?? last?.latencyMs ?? FIRST_LATENCY_MS;
  const plan = planSweepCapacity({
    dueWithinHorizon: dueWithinHorizon / shard.count,
    horizonSeconds: HORIZON_SECONDS,
    backlog: backlog / shard.count,
    // Tokens already in the window are cleared within half of it: the other half is the margin for failures.
    backlogSeconds: (windowMinutes * 60) / 2,
    latencyMs,
    floor: env.REFRESH_CONCURRENCY,
    ceiling: Math.max(env.REFRESH_CONCURRENCY, env.REFRESH_CONCURRENCY_MAX),
    maxCallsPerSecond: env.WECHAT_MAX_CALLS_PER_SECOND / shard.count,
  });
  return {
    ...plan,
    requiredPerSecond: plan.requiredPerSecond * shard.count,
    maxCapacityPerSecond: plan.maxCapacityPerSecond * shard.count,
    shortfallPerSecond: plan.shortfallPerSecond * shard.count,
  };
};

/**
 * After a run, which took every token in the window at its start: how many kept-fresh tokens (not backing off) are
 * within a quarter of the window of expiring all the same. Above 0, the sweep is falling behind for a reason the plan
 * does not see (this machine's CPU, the database), and they have not expired yet.
 */
export const countLaggingTokens = (now: Date, windowMinutes: number) =>
  getDb().authorizer.count({ where: dueWhere(now, new Date(now.getTime() + (windowMinutes * 60_000) / 4)) });

/** After a run: WeChat's latency as measured by its calls, folded into the moving average. Answers it (ms). */
export const observeSweepLatency = (limit: TWechatCallLimit) => {
  const previous = globalForSweep.wxopenSweepLatencyMs;
  if (limit.calls > 0) {
    const measured = limit.totalMs / limit.calls;
    globalForSweep.wxopenSweepLatencyMs = previous === undefined ? measured : previous * 0.5 + measured * 0.5;
  }
  return globalForSweep.wxopenSweepLatencyMs === undefined ? null : Math.round(globalForSweep.wxopenSweepLatencyMs);
};

/** Even the ceiling and the cap cannot keep up: a warning in the log each run, an error event at most once an hour. */
export const reportSweepShortfall = async (plan: TSweepCapacityPlan) => {
  if (plan.shortfallPerSecond <= 0) return;
  const figures = {
    requiredPerSecond: Math.round(plan.requiredPerSecond),
    maxPerSecond: Math.round(plan.maxCapacityPerSecond),
    shortfallPerSecond: Math.round(plan.shortfallPerSecond),
  };
  log.warn("sweep.shortfall", figures);
  const holder = `${getEnv().INSTANCE_ID}:${Date.now()}`;
  if (!(await acquireLease({ name: "sweep-shortfall-alarm", ttlMs: SHORTFALL_EVENT_INTERVAL_MS, holder }))) return;
  await recordEvent({
    kind: "sweep.shortfall",
    outcome: "error",
    message:
      `The refresh sweep cannot keep up: ${figures.requiredPerSecond} refreshes/s are needed, at most ${figures.maxPerSecond}/s are made. ` +
      "Raise REFRESH_CONCURRENCY_MAX or WECHAT_MAX_CALLS_PER_SECOND, or add instances, or tokens will start to expire.",
    detail: figures,
  });
};
