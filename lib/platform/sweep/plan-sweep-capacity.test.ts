import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planSweepCapacity, type TSweepCapacityInput } from "./plan-sweep-capacity";

// The adaptive sweep against a fake clock: a population of tokens whose expiries are laid out in time, a sweep every
// minute that plans from what falls due, and the refreshes it can make at the planned concurrency.

const BASE: TSweepCapacityInput = {
  dueWithinHorizon: 0,
  horizonSeconds: 3600,
  backlog: 0,
  backlogSeconds: 300,
  latencyMs: 100,
  floor: 8,
  ceiling: 64,
  maxCallsPerSecond: 500,
};

/** Accounts with 2-hour tokens spread evenly: `accounts / 7200` fall due each second. */
const steady = (accounts: number, input: Partial<TSweepCapacityInput> = {}) =>
  planSweepCapacity({ ...BASE, dueWithinHorizon: Math.round((accounts / 7200) * 3600), ...input });

describe("[SWEEP][ADAPTIVE] planSweepCapacity", () => {
  it("a rising due rate raises the concurrency, from the floor up to the ceiling", () => {
    const chosen = [10_000, 100_000, 300_000, 1_000_000].map((accounts) => steady(accounts).concurrency);
    assert.equal(chosen[0], 8, "a small platform stays at the floor");
    for (let index = 1; index < chosen.length; index += 1) assert.ok(chosen[index] >= chosen[index - 1], chosen.join(" → "));
    // 1,000,000 accounts: 139/s at 100 ms needs 14 calls in flight, 18 with headroom.
    assert.equal(chosen[3], 18);
    assert.equal(steady(1_000_000).shortfallPerSecond, 0);
    // At 300 ms the same platform needs 53: still under the ceiling of 64.
    assert.equal(steady(1_000_000, { latencyMs: 300 }).concurrency, 53);
  });

  it("the ceiling and the calls/s cap hold, whatever the due rate", () => {
    const huge = steady(5_000_000, { latencyMs: 300 });
    assert.equal(huge.concurrency, 64, "the ceiling");
    assert.ok(huge.capacityPerSecond <= 64 / 0.3 + 1e-9);
    const capped = steady(1_000_000, { maxCallsPerSecond: 50 });
    assert.equal(capped.concurrency, 5, "50 calls/s at 100 ms is 5 in flight, below even the floor");
    assert.equal(capped.maxCapacityPerSecond, 50);
    assert.ok(capped.shortfallPerSecond > 80, `shortfall ${capped.shortfallPerSecond}`);
  });

  it("a backlog (tokens already due) is planned for on top of the flow", () => {
    const calm = steady(100_000);
    const behind = steady(100_000, { backlog: 30_000 });
    assert.ok(behind.requiredPerSecond > calm.requiredPerSecond + 99, `${behind.requiredPerSecond}/s`);
    assert.ok(behind.concurrency > calm.concurrency);
  });

  it("the shortfall warning fires before any token expires (simulated hours against a fake clock)", () => {
    // 600,000 accounts, 2-hour tokens refreshed 20 minutes before expiry, WeChat at 300 ms, ceiling 16: at most 53/s
    // against 83/s falling due. Each simulated minute the sweep plans, then refreshes at its capacity; tokens it
    // does not reach stay in the window, and expire 20 minutes later.
    const accounts = 600_000;
    const inflowPerMinute = accounts / 120;
    let backlog = 0;
    let firstWarningMinute: number | undefined;
    let firstExpiryMinute: number | undefined;
    const waiting: number[] = []; // backlog by the minute it entered the window
    for (let minute = 0; minute < 180 && firstExpiryMinute === undefined; minute += 1) {
      const plan = planSweepCapacity({
        ...BASE,
        dueWithinHorizon: inflowPerMinute * 60,
        backlog,
        backlogSeconds: 20 * 60,
        latencyMs: 300,
        ceiling: 16,
      });
      if (plan.shortfallPerSecond > 0 && firstWarningMinute === undefined) firstWarningMinute = minute;
      waiting.push(inflowPerMinute);
      let capacity = plan.capacityPerSecond * 60;
      for (let index = 0; index < waiting.length && capacity > 0; index += 1) {
        const taken = Math.min(waiting[index], capacity);
        waiting[index] -= taken;
        capacity -= taken;
      }
      // Whatever entered the window 20 minutes ago and is still waiting has expired.
      if (waiting.length > 20 && waiting[waiting.length - 21] > 0) firstExpiryMinute = minute;
      backlog = waiting.reduce((sum, count) => sum + count, 0);
    }
    assert.equal(firstWarningMinute, 0, "warned at the first sweep");
    assert.ok(firstExpiryMinute !== undefined && firstExpiryMinute > firstWarningMinute, `first expiry at minute ${firstExpiryMinute}`);
  });
});
