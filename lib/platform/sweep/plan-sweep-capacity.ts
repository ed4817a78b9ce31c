// How hard the refresh sweep must work: from the rate at which tokens fall due and how long WeChat takes, the
// concurrency that keeps every token fresh, between the floor (REFRESH_CONCURRENCY) and the ceiling
// (REFRESH_CONCURRENCY_MAX), never past the calls/s cap (WECHAT_MAX_CALLS_PER_SECOND), and the shortfall when even
// the most allowed cannot keep up: said while tokens are still fresh, not when they start to expire.

export type TSweepCapacityInput = {
  /** Tokens that enter the refresh window over the next `horizonSeconds` (the steady flow). */
  dueWithinHorizon: number;
  horizonSeconds: number;
  /** Tokens already in the window (or missing): they must be refreshed within `backlogSeconds` on top of the flow. */
  backlog: number;
  backlogSeconds: number;
  /** How long one refresh takes WeChat, as measured (ms). */
  latencyMs: number;
  floor: number;
  ceiling: number;
  maxCallsPerSecond: number;
};

export type TSweepCapacityPlan = {
  concurrency: number;
  /** Refreshes per second needed to keep every token fresh. */
  requiredPerSecond: number;
  /** What the chosen concurrency does, and the most the ceiling and the cap allow. */
  capacityPerSecond: number;
  maxCapacityPerSecond: number;
  /** requiredPerSecond above maxCapacityPerSecond (0: it keeps up). */
  shortfallPerSecond: number;
};

/** A quarter more than the arithmetic needs: latency varies, and a sweep also reads and writes the database. */
const HEADROOM = 1.25;

export const planSweepCapacity = (input: TSweepCapacityInput): TSweepCapacityPlan => {
  const latencySeconds = Math.max(1, input.latencyMs) / 1000;
  const requiredPerSecond = input.dueWithinHorizon / Math.max(1, input.horizonSeconds) + input.backlog / Math.max(1, input.backlogSeconds);
  const rateOf = (concurrency: number) => Math.min(concurrency / latencySeconds, input.maxCallsPerSecond);
  // The concurrency past which the calls/s cap, not the slots, is the limit.
  const concurrencyAtCap = Math.max(1, Math.floor(input.maxCallsPerSecond * latencySeconds));
  const most = Math.max(1, Math.min(input.ceiling, concurrencyAtCap));
  const wanted = Math.ceil(requiredPerSecond * latencySeconds * HEADROOM);
  const concurrency = Math.min(most, Math.max(input.floor, wanted));
  const maxCapacityPerSecond = rateOf(most);
  return {
    concurrency,
    requiredPerSecond,
    capacityPerSecond: rateOf(concurrency),
    maxCapacityPerSecond,
    shortfallPerSecond: Math.max(0, requiredPerSecond - maxCapacityPerSecond),
  };
};
