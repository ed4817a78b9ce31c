import { EventEmitter } from "node:events";

// Wakes this process's delivery worker when a delivery was just queued, so a message reaches its receiver in
// milliseconds rather than at the next poll. (Other instances find it at their next poll.)

const signal = new EventEmitter();
signal.setMaxListeners(50);

export const wakeDeliveryWorker = () => {
  signal.emit("wake");
};

export const onDeliveryWake = (listener: () => void) => {
  signal.on("wake", listener);
  return () => {
    signal.off("wake", listener);
  };
};
