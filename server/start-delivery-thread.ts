import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import { incrementCounter } from "@/lib/metrics";
import type { TThreadMessage } from "./delivery-thread";

// Starts the delivery thread beside the server's (server/delivery-thread.ts, bundled next to the server as
// wxopen-delivery-thread.cjs) and keeps it running: a thread that dies is logged and started again after a second.

const THREAD_FILE = "wxopen-delivery-thread.cjs";
const RESTART_MS = 1000;
const STOP_TIMEOUT_MS = 10_000;
/** The thread's own heap: it holds claimed deliveries and a database client, nothing that grows with the data; a small
 * young generation keeps its resident memory low (the process stays under 300 MB during a sweep). */
const THREAD_HEAP_MB = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

export type TDeliveryThread = { stop: () => Promise<void> };

export const startDeliveryThread = (directory: string): TDeliveryThread => {
  let isStopping = false;
  let current: Worker;
  const start = () => {
    const worker = new Worker(path.join(directory, THREAD_FILE), { resourceLimits: THREAD_HEAP_MB });
    worker.on("message", (message: TThreadMessage) => {
      if (message.kind === "counts") for (const { name, help, labels, by } of message.samples) incrementCounter(name, help, labels, by);
    });
    worker.on("error", (error) => log.error("delivery.thread_failed", { error }));
    worker.on("exit", (code) => {
      if (isStopping) return;
      log.error("delivery.thread_exited", { code, restartInMs: RESTART_MS });
      setTimeout(() => {
        if (!isStopping) current = start();
      }, RESTART_MS).unref();
    });
    return worker;
  };
  current = start();
  return {
    /** Lets the sends in flight finish (up to 10 s), then ends the thread. */
    stop: async () => {
      isStopping = true;
      const worker = current;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        worker.on("message", (message: TThreadMessage) => {
          if (message.kind !== "stopped") return;
          clearTimeout(timer);
          resolve();
        });
        worker.on("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage("stop");
      });
      await worker.terminate();
    },
  };
};
