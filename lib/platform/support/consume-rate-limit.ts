import { getDb, isUniqueViolation } from "../../db";
import { AppError } from "../../errors";

export type ConsumeRateLimitOptions = {
  /** What is limited, e.g. `authorize:link:<id>` or `authorize:ip:<address>`. */
  key: string;
  limit: number;
  windowMs: number;
};

const windowOf = (key: string, windowMs: number, now: number) => {
  const windowStart = now - (now % windowMs);
  return { rowKey: `${key}@${windowStart}`, windowEndsAt: new Date(windowStart + windowMs) };
};

/** The uses counted so far in the current window (for limits that count failures, checked before trying). */
export const readRateLimit = async ({ key, windowMs }: Omit<ConsumeRateLimitOptions, "limit">) => {
  const row = await getDb().rateLimit.findUnique({ where: { key: windowOf(key, windowMs, Date.now()).rowKey }, select: { count: true } });
  return row?.count ?? 0;
};

/**
 * Counts one use against a fixed-window limit shared by every instance (one atomic increment in the database).
 * Throws a 429 AppError, saying when to try again, once `limit` uses fall in the current window.
 */
export const consumeRateLimit = async ({ key, limit, windowMs }: ConsumeRateLimitOptions) => {
  const now = Date.now();
  const { rowKey, windowEndsAt } = windowOf(key, windowMs, now);
  const db = getDb();
  let count: number;
  try {
    ({ count } = await db.rateLimit.upsert({
      where: { key: rowKey },
      create: { key: rowKey, count: 1, windowEndsAt },
      update: { count: { increment: 1 } },
      select: { count: true },
    }));
  } catch (error) {
    // Two first uses raced to create the row: the loser increments it.
    if (!isUniqueViolation(error)) throw error;
    ({ count } = await db.rateLimit.update({ where: { key: rowKey }, data: { count: { increment: 1 } }, select: { count: true } }));
  }
  if (count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now) / 1000));
    throw new AppError("rate_limited", `Too many attempts; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
};
