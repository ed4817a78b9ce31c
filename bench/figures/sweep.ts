import type { TFigure } from "../harness/figure";
import { SIMULATOR_LATENCY_MS, SWEEP_CONCURRENCY, SWEEP_COUNT } from "../harness/options";
import { postLong, watchPeakRss } from "../harness/processes";
import { countRefreshCalls } from "../harness/refresh-calls";
import { addRow, addTarget, fixed, log, thousands } from "../harness/report";
import { seedSimulatorAccounts } from "../harness/seed";

// The sweep of 10,000 authorizers expiring within 5 minutes, the simulator answering in 100 ms, beside its floor:
// count x latency / concurrency. And the app's peak resident memory meanwhile (its whole process tree), against the
// 300 MB target of issue 20.

const RSS_TARGET_MB = 300;

export const sweep: TFigure = {
  name: "sweep",
  isDefault: true,
  run: async ({ provider, apps: [app], simulator, db, env }) => {
    log(`seeding ${SWEEP_COUNT} authorizers for the sweep (${provider})`);
    const swept = new Set(await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 5 * 60_000)));
    const refreshCalls = countRefreshCalls(simulator, swept);
    simulator.setConfig({ latencyMs: SIMULATOR_LATENCY_MS });
    log(
      `sweeping ${SWEEP_COUNT} authorizers at concurrency ${SWEEP_CONCURRENCY} with the simulator answering in ${SIMULATOR_LATENCY_MS} ms (${provider})`,
    );
    const memory = watchPeakRss([app]);
    const sweepStartedAt = new Date();
    const startedAt = performance.now();
    const answer = await postLong(`${app.url}/api/cron/refresh`, { authorization: `Bearer ${env.CRON_SECRET}` }, 60 * 60_000);
    const seconds = (performance.now() - startedAt) / 1000;
    const [peakRssMb] = memory.stop();
    const { duplicates, missed } = refreshCalls.stop();
    simulator.setConfig({ latencyMs: 0 });
    const result = JSON.parse(answer.body) as { status: string; selected: number; refreshed: number; failed: number };
    const floor = (SWEEP_COUNT * SIMULATOR_LATENCY_MS) / 1000 / SWEEP_CONCURRENCY;
    log(`sweep answered ${answer.status} after ${fixed(seconds, 1)} s: ${answer.body}`);
    const stored = await db.authorizer.count({
      where: {
        lastRefreshAt: { gte: sweepStartedAt },
        lastRefreshOk: true,
        accessTokenExpiresAt: { gt: new Date(Date.now() + 110 * 60_000) },
      },
    });
    addRow({
      provider,
      measure: `sweep of ${thousands(SWEEP_COUNT)} authorizers, simulator ${SIMULATOR_LATENCY_MS} ms, concurrency ${SWEEP_CONCURRENCY}`,
      wxopen: `${fixed(seconds, 1)} s; refreshed ${thousands(result.refreshed)}, failed ${result.failed}; stored ${thousands(stored)}; duplicate refreshes ${duplicates}, missed ${missed}`,
      baseline: `floor ${thousands(SWEEP_COUNT)} x ${SIMULATOR_LATENCY_MS / 1000} s / ${SWEEP_CONCURRENCY} = ${fixed(floor, 1)} s`,
      ratio: `${fixed(seconds / floor, 3)}x floor`,
      target: "<= 1.1x floor, 0 duplicates",
      isMet: seconds <= 1.1 * floor && duplicates === 0 && missed === 0 && result.failed === 0,
    });
    const isRssMet = peakRssMb < RSS_TARGET_MB;
    addRow({
      provider,
      measure: `the app's peak RSS during the sweep of ${thousands(SWEEP_COUNT)} authorizers`,
      wxopen: `${fixed(peakRssMb, 0)} MB`,
      baseline: `target ${RSS_TARGET_MB} MB`,
      ratio: `${fixed(peakRssMb / RSS_TARGET_MB, 2)}x target`,
      target: `< ${RSS_TARGET_MB} MB`,
      isMet: isRssMet,
    });
    addTarget({
      provider,
      target: `app RSS < ${RSS_TARGET_MB} MB (peak during the sweep)`,
      measured: `${fixed(peakRssMb, 0)} MB`,
      isMet: isRssMet,
    });
  },
};
