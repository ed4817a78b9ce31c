import { AsyncLocalStorage } from "node:async_hooks";

// A bound on the WeChat calls of one piece of work (the refresh sweep), applied where the call is made, so the work
// around each call (leases, reads, writes) can overlap other calls without exceeding it: at most `max` in flight,
// and at most `maxPerSecond` started per second (the platform's quota). It also measures how long WeChat takes.

export type TWechatCallLimit = {
  max: number;
  /** 0: no pace. */
  maxPerSecond: number;
  active: number;
  waiting: Array<() => void>;
  /** When the next call may start (the pace). */
  nextStartMs: number;
  /** Calls made and their total time: what the sweep plans its next run with. */
  calls: number;
  totalMs: number;
};

// On globalThis: the sweep and the WeChat client may live in different bundles of one process.
const globalForLimit = globalThis as unknown as { wxopenWechatCallLimit?: AsyncLocalStorage<TWechatCallLimit> };
const storage = (globalForLimit.wxopenWechatCallLimit ??= new AsyncLocalStorage<TWechatCallLimit>());

export const createWechatCallLimit = ({ max, maxPerSecond = 0 }: { max: number; maxPerSecond?: number }): TWechatCallLimit => ({
  max,
  maxPerSecond,
  active: 0,
  waiting: [],
  nextStartMs: 0,
  calls: 0,
  totalMs: 0,
});

/** Runs work with its WeChat calls bounded by `limit` (a number: at most that many in flight). */
export const withWechatCallLimit = <T>(limit: number | TWechatCallLimit, work: () => Promise<T>): Promise<T> =>
  storage.run(typeof limit === "number" ? createWechatCallLimit({ max: limit }) : limit, work);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for this call's turn under the pace: starts are spaced 1000 / maxPerSecond ms apart. */
const keepPace = async (limit: TWechatCallLimit) => {
  if (limit.maxPerSecond <= 0) return;
  const now = Date.now();
  const startAt = Math.max(now, limit.nextStartMs);
  limit.nextStartMs = startAt + 1000 / limit.maxPerSecond;
  if (startAt > now) await sleep(startAt - now);
};

/** Makes one WeChat call, waiting for a free slot (and its turn) when the current work has a limit. */
export const limitWechatCall = async <T>(call: () => Promise<T>): Promise<T> => {
  const limit = storage.getStore();
  if (!limit) return call();
  while (limit.active >= limit.max) await new Promise<void>((resolve) => limit.waiting.push(resolve));
  limit.active += 1;
  try {
    await keepPace(limit);
    const startedAt = performance.now();
    try {
      return await call();
    } finally {
      limit.calls += 1;
      limit.totalMs += performance.now() - startedAt;
    }
  } finally {
    limit.active -= 1;
    limit.waiting.shift()?.();
  }
};
