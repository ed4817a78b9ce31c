import { getEnv } from "../../env";
import { log } from "../../log";
import { onDeliveryWake } from "../forwarding/delivery-signal";
import { deliverDueDeliveries } from "./deliver-due-deliveries";

export type TDeliveryWorker = { stop: () => Promise<void> };

const POLL_MS = 1000;
const SOON_MS = 25;

// One worker per process (instrumentation may run in more than one bundle; globalThis is shared by all of them).
const globalForWorker = globalThis as unknown as { wxopenDeliveryWorker?: TDeliveryWorker };

/**
 * Runs delivery passes: every second, when this process queues a delivery, and when a send finishes (the next
 * delivery of that stream may go). Passes never overlap; sends run beside them. stop() waits for the sends.
 */
export const startDeliveryWorker = (): TDeliveryWorker => {
  if (globalForWorker.wxopenDeliveryWorker) return globalForWorker.wxopenDeliveryWorker;
  let isStopped = false;
  let isPassing = false;
  let isPassWanted = false;
  let timer: NodeJS.Timeout | undefined;
  const sends = new Set<Promise<unknown>>();

  const pass = async () => {
    if (isStopped) return;
    if (isPassing) {
      isPassWanted = true;
      return;
    }
    isPassing = true;
    clearTimeout(timer);
    try {
      for (const sending of await deliverDueDeliveries()) {
        const tracked = sending
          .catch((error) => log.error("delivery.send_failed", { error }))
          .finally(() => {
            sends.delete(tracked);
            passSoon();
          });
        sends.add(tracked);
      }
    } catch (error) {
      log.error("delivery.pass_failed", { error });
    } finally {
      isPassing = false;
      if (!isStopped) timer = setTimeout(() => void pass(), POLL_MS);
      if (isPassWanted) {
        isPassWanted = false;
        void pass();
      }
    }
  };
  // Sends finishing together share one pass (each pass reads every stream's head): at most one per SOON_MS.
  let soon: NodeJS.Timeout | undefined;
  const passSoon = () => {
    soon ??= setTimeout(() => {
      soon = undefined;
      void pass();
    }, SOON_MS);
  };
  const unsubscribe = onDeliveryWake(passSoon);
  timer = setTimeout(() => void pass(), Math.random() * POLL_MS);
  log.info("delivery.worker_started", { instance: getEnv().INSTANCE_ID });

  const worker: TDeliveryWorker = {
    stop: async () => {
      isStopped = true;
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(soon);
      await Promise.allSettled([...sends]);
      globalForWorker.wxopenDeliveryWorker = undefined;
    },
  };
  globalForWorker.wxopenDeliveryWorker = worker;
  return worker;
};
