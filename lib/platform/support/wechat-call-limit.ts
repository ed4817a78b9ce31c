import { AsyncLocalStorage } from "node:async_hooks";

// A bound on concurrent WeChat calls for one piece of work (the refresh sweep), applied where the call is made, so
// the work around each call (leases, reads, writes) can overlap other calls without exceeding the bound.

type TLimit = { max: number; active: number; waiting: Array<() => void> };

// On globalThis: the sweep and the WeChat client may live in different bundles of one process.
const globalForLimit = globalThis as unknown as { wxopenWechatCallLimit?: AsyncLocalStorage<TLimit> };
const storage = (globalForLimit.wxopenWechatCallLimit ??= new AsyncLocalStorage<TLimit>());

/** Runs work with at most `max` WeChat calls in flight among everything it starts. */
export const withWechatCallLimit = <T>(max: number, work: () => Promise<T>): Promise<T> =>
  storage.run({ max, active: 0, waiting: [] }, work);

/** Makes one WeChat call, waiting for a free slot when the current work has a limit. */
export const limitWechatCall = async <T>(call: () => Promise<T>): Promise<T> => {
  const limit = storage.getStore();
  if (!limit) return call();
  while (limit.active >= limit.max) await new Promise<void>((resolve) => limit.waiting.push(resolve));
  limit.active += 1;
  try {
    return await call();
  } finally {
    limit.active -= 1;
    limit.waiting.shift()?.();
  }
};
