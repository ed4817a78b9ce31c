import { BroadcastChannel } from "node:worker_threads";

// Wakes this process's delivery worker when a delivery was just queued, so a message reaches its receiver in
// milliseconds rather than at the next poll. The worker runs on the server's delivery thread (npm start) or on the
// thread that queued (npm run dev, tests that import lib): a BroadcastChannel reaches every listening channel of the
// process, on this thread or another. (Other instances find the delivery at their next poll.)

const CHANNEL = "wxopen.delivery-wake";

// On globalThis: Next.js may load this module once per route bundle; one sending channel per thread.
const globalForSignal = globalThis as unknown as { wxopenDeliveryWake?: BroadcastChannel };

const openChannel = () => {
  const channel = new BroadcastChannel(CHANNEL);
  // Never keeps a process or thread alive by itself.
  channel.unref();
  return channel;
};

export const wakeDeliveryWorker = () => {
  (globalForSignal.wxopenDeliveryWake ??= openChannel()).postMessage("wake");
};

/** Calls `listener` on every wake from any thread of this process; answers the unsubscribe. */
export const onDeliveryWake = (listener: () => void) => {
  const channel = openChannel();
  channel.onmessage = () => listener();
  return () => channel.close();
};
