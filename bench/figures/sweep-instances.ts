import type { TFigure } from "../harness/figure";
import { SIMULATOR_LATENCY_MS, SWEEP_CONCURRENCY, SWEEP_COUNT } from "../harness/options";
import { postLong } from "../harness/processes";
import { countRefreshCalls } from "../harness/refresh-calls";
import { addRow, fixed, log, thousands } from "../harness/report";
import { seedSimulatorAccounts } from "../harness/seed";

// The sweep on three instances at once: 10,000 more accounts entering the window, each instance sweeping its share
// (the cron route on all three together), beside one instance's floor for the same work.

export const sweepInstances: TFigure = {
  name: "sweep-instances",
  isDefault: true,
  run: async ({ provider, apps: [app], simulator, db, env, startInstance }) => {
    const apps = [app, await startInstance(), await startInstance()];
    const cron = (timeoutMs: number) =>
      Promise.all(apps.map((each) => postLong(`${each.url}/api/cron/refresh`, { authorization: `Bearer ${env.CRON_SECRET}` }, timeoutMs)));
    try {
      // Each instance heartbeats when it sweeps: a first round, with nothing due, lets all three see each other.
      await cron(60_000);
      log(`seeding ${SWEEP_COUNT} authorizers for the sweep on three instances (${provider})`);
      // In the window, not yet urgent: each instance keeps to its share.
      const swept = new Set(await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 15 * 60_000)));
      const refreshCalls = countRefreshCalls(simulator, swept);
      simulator.setConfig({ latencyMs: SIMULATOR_LATENCY_MS });
      log(`sweeping ${SWEEP_COUNT} authorizers on three instances, simulator ${SIMULATOR_LATENCY_MS} ms (${provider})`);
      const startedAt = performance.now();
      const answers = await cron(60 * 60_000);
      const seconds = (performance.now() - startedAt) / 1000;
      const { duplicates, missed } = refreshCalls.stop();
      simulator.setConfig({ latencyMs: 0 });
      const results = answers.map((answer) => JSON.parse(answer.body) as { refreshed: number; concurrency: number; shard: string });
      const oneInstanceFloor = (SWEEP_COUNT * SIMULATOR_LATENCY_MS) / 1000 / SWEEP_CONCURRENCY;
      addRow({
        provider,
        measure: `sweep of ${thousands(SWEEP_COUNT)} authorizers on 3 instances, simulator ${SIMULATOR_LATENCY_MS} ms`,
        wxopen: `${fixed(seconds, 1)} s; refreshed ${results.map((result) => `${thousands(result.refreshed)} (${result.shard}, concurrency ${result.concurrency})`).join(" + ")}; duplicate refreshes ${duplicates}, missed ${missed}`,
        baseline: `one instance's floor at concurrency ${SWEEP_CONCURRENCY}: ${fixed(oneInstanceFloor, 1)} s`,
        ratio: `${fixed(oneInstanceFloor / seconds, 2)}x one instance's floor`,
        target: ">= 2.5x, 0 duplicates",
        isMet: oneInstanceFloor / seconds >= 2.5 && duplicates === 0 && missed === 0,
      });
    } finally {
      await Promise.all(apps.slice(1).map((each) => each.stop()));
    }
  },
};
