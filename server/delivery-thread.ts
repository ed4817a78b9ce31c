import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { TCounterSample, TCounterSinkGlobal } from "@/lib/metrics";

// The delivery thread of `npm start` (server/start-delivery-thread.ts starts it): the outbox's sends run here, on an
// event loop and a database connection of their own, so a burst of deliveries does not delay the answers WeChat
// waits for (5 s) or a token read, and a machine with a spare core delivers on it. On a saturated machine the thread
// runs at a lower priority (nice 10): requests come first, and deliveries catch up when they leave room.
//
// Messages: the host posts "stop"; the thread answers { kind: "counts", samples } every COUNTS_FLUSH_MS and
// { kind: "stopped" } once its sends are done.

export type TThreadMessage = { kind: "counts"; samples: TCounterSample[] } | { kind: "stopped" };

const COUNTS_FLUSH_MS = 250;

/** Linux: this thread alone gets nice 10 (setpriority on its thread id). Elsewhere it keeps the process's priority. */
const lowerThisThreadsPriority = () => {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    // No /proc/thread-self, or not allowed: the same priority as the requests.
  }
};

const main = async () => {
  const port = parentPort;
  if (!port) throw new Error("server/delivery-thread runs as a worker thread of the server");
  // Counters are summed here and handed to the main thread's registry (set before lib/metrics loads).
  const pending = new Map<string, TCounterSample>();
  (globalThis as TCounterSinkGlobal).wxopenCounterSink = (sample) => {
    const key = `${sample.name}\n${JSON.stringify(sample.labels)}`;
    const summed = pending.get(key);
    if (summed) summed.by += sample.by;
    else pending.set(key, { ...sample });
  };
  const flush = () => {
    if (pending.size === 0) return;
    port.postMessage({ kind: "counts", samples: [...pending.values()] } satisfies TThreadMessage);
    pending.clear();
  };
  setInterval(flush, COUNTS_FLUSH_MS).unref();

  lowerThisThreadsPriority();
  const { startDeliveryWorker } = await import("@/lib/platform/deliveries/start-delivery-worker");
  const worker = startDeliveryWorker();
  port.on("message", (message: unknown) => {
    if (message !== "stop") return;
    void worker.stop().then(() => {
      flush();
      port.postMessage({ kind: "stopped" } satisfies TThreadMessage);
    });
  });
};

void main();
