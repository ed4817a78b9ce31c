import { getEnv } from "../../env";
import { log } from "../../log";
import { runRefreshSweep, type RunRefreshSweepOptions } from "./run-refresh-sweep";

export type StartRefreshWorkerOptions = RunRefreshSweepOptions & { intervalSeconds?: number };

export type TRefreshWorker = { stop: () => Promise<void> };

// One worker per process (instrumentation may run in more than one bundle; globalThis is shared by all of them).
const globalForWorker = globalThis as unknown as { wxopenRefreshWorker?: TRefreshWorker };

/**
 * Runs the refresh sweep every intervalSeconds, never overlapping itself: the next run is scheduled only when the
 * previous one has finished. The first run comes after a random part of one interval (at most 5 s) so instances
 * started together do not all try at once. stop() waits for a running sweep to finish.
 */
export const startRefreshWorker = ({
  intervalSeconds = getEnv().REFRESH_SWEEP_INTERVAL_SECONDS,
  ...sweepOptions
}: StartRefreshWorkerOptions = {}): TRefreshWorker => {
  if (globalForWorker.wxopenRefreshWorker) return globalForWorker.wxopenRefreshWorker;
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const tick = async () => {
    running = runRefreshSweep(sweepOptions).catch((error) => log.error("sweep.failed", { error }));
    await running;
    running = undefined;
    if (!isStopped) timer = setTimeout(tick, intervalSeconds * 1000);
  };
  timer = setTimeout(tick, Math.random() * Math.min(intervalSeconds, 5) * 1000);
  log.info("sweep.worker_started", { intervalSeconds, instance: getEnv().INSTANCE_ID });

  const worker: TRefreshWorker = {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await running;
      globalForWorker.wxopenRefreshWorker = undefined;
    },
  };
  globalForWorker.wxopenRefreshWorker = worker;
  return worker;
};
