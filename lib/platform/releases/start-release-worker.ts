import { getDb } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { claimReleaseTargets } from "./claim-release-targets";
import { reconcileReviews } from "./reconcile-reviews";
import { onReleaseWake } from "./release-signal";
import { reportReleaseProgress } from "./report-release-progress";
import { runReleaseStep } from "./run-release-step";

// The campaign worker of one process: every second (and when woken), it claims as many due accounts as it has room
// for (RELEASE_CONCURRENCY WeChat calls in flight) and runs their next step; every few seconds it reconciles
// reviews and reports progress. Every instance runs one; the leases share the work out.

const POLL_MS = 1000;
const HOUSEKEEPING_MS = 3000;

export type TReleaseWorker = { stop: () => Promise<void> };

const globalForWorker = globalThis as unknown as { wxopenReleaseWorker?: TReleaseWorker };

export const startReleaseWorker = (): TReleaseWorker => {
  if (globalForWorker.wxopenReleaseWorker) return globalForWorker.wxopenReleaseWorker;
  const env = getEnv();
  const holder = `${env.INSTANCE_ID}:releases`;
  const steps = new Set<Promise<unknown>>();
  let isStopped = false;
  let isPassing = false;
  let isPassWanted = false;
  let timer: NodeJS.Timeout | undefined;
  let lastHousekeeping = 0;

  const pass = async () => {
    if (isStopped) return;
    if (isPassing) {
      isPassWanted = true;
      return;
    }
    isPassing = true;
    clearTimeout(timer);
    try {
      const claimed = await claimReleaseTargets({ holder, limit: env.RELEASE_CONCURRENCY - steps.size });
      for (const target of claimed) {
        const step = runReleaseStep(target, holder)
          .catch((error) => log.error("release.step_failed", { campaignId: target.campaignId, appid: target.appid, error }))
          .finally(() => {
            steps.delete(step);
            // A slot is free: the next due account need not wait for the poll.
            setImmediate(() => void pass());
          });
        steps.add(step);
      }
      if (Date.now() - lastHousekeeping > HOUSEKEEPING_MS) {
        lastHousekeeping = Date.now();
        await reconcileReviews();
        await reportReleaseProgress();
      }
    } catch (error) {
      log.error("release.pass_failed", { error });
    } finally {
      isPassing = false;
      if (!isStopped) timer = setTimeout(() => void pass(), POLL_MS);
      if (isPassWanted) {
        isPassWanted = false;
        setImmediate(() => void pass());
      }
    }
  };
  const unsubscribe = onReleaseWake(() => void pass());
  timer = setTimeout(() => void pass(), 50);
  // While a step waits on WeChat its lease is renewed (one statement for all of this process's): only a dead
  // process's steps are taken over, never a slow one's.
  const leaseMs = env.RELEASE_STEP_LEASE_SECONDS * 1000;
  const renewal = setInterval(() => {
    if (steps.size === 0) return;
    getDb()
      .releaseTarget.updateMany({ where: { leaseHolder: holder }, data: { leaseUntil: new Date(Date.now() + leaseMs) } })
      .catch((error) => log.warn("release.lease_renewal_failed", { error }));
  }, leaseMs / 3);

  const worker: TReleaseWorker = {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      clearInterval(renewal);
      unsubscribe();
      await Promise.allSettled([...steps]);
      globalForWorker.wxopenReleaseWorker = undefined;
    },
  };
  globalForWorker.wxopenReleaseWorker = worker;
  return worker;
};
