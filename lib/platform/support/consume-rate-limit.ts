import { getDb, isUniqueViolation } from "../../db";
import { AppError } from "../../errors";

// Rate limits shared by every instance: one row per limited thing, counting uses in a window that starts at the
// first use (so a limit cannot be doubled by straddling a clock-aligned boundary). Every step is one atomic
// statement; expired rows are deleted by retention.

export type ConsumeRateLimitOptions = {
  /** What is limited, e.g. `authorize:link:<id>` or `login:email:<email>`. */
  key: string;
  /** Without one, uses are only counted (for limits on failures, checked with readRateLimit before trying). */
  limit?: number;
  windowMs: number;
};

const MAX_CREATE_RACES = 3;

/** The uses counted in the current window (for limits that count failures, checked before trying). */
export const readRateLimit = async ({ key }: Pick<ConsumeRateLimitOptions, "key">) => {
  const row = await getDb().rateLimit.findFirst({ where: { key, windowEndsAt: { gt: new Date() } }, select: { count: true } });
  return row?.count ?? 0;
};

/**
 * Counts one use. Throws a 429 AppError, saying when to try again, once more than `limit` uses fall in the window;
 * otherwise answers the count so far (this use included) and the seconds until the window ends. The increment and
 * the read of its result are one statement (UPDATE ... RETURNING), so concurrent uses each see their own count.
 */
export const consumeRateLimit = async ({ key, limit, windowMs }: ConsumeRateLimitOptions) => {
  const db = getDb();
  for (let attempt = 0; ; attempt++) {
    const now = new Date();
    const [counted] = await db.$queryRaw<Array<{ count: number | bigint; windowEndsAt: Date | string }>>`
      UPDATE "RateLimit" SET "count" = "count" + 1 WHERE "key" = ${key} RETURNING "count", "windowEndsAt"`;
    let count: number;
    let windowEndsAt: Date;
    if (counted && new Date(counted.windowEndsAt).getTime() > now.getTime()) {
      count = Number(counted.count);
      windowEndsAt = new Date(counted.windowEndsAt);
    } else {
      // No window yet, or it has ended: start one (compare-and-set: of two attempts to start it, one does).
      windowEndsAt = new Date(now.getTime() + windowMs);
      count = 1;
      try {
        if (counted) {
          const restarted = await db.rateLimit.updateMany({ where: { key, windowEndsAt: { lte: now } }, data: { count: 1, windowEndsAt } });
          if (restarted.count === 0 && attempt < MAX_CREATE_RACES) continue;
        } else {
          await db.rateLimit.create({ data: { key, count: 1, windowEndsAt } });
        }
      } catch (error) {
        if (isUniqueViolation(error) && attempt < MAX_CREATE_RACES) continue;
        throw error;
      }
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
    if (limit !== undefined && count > limit)
      throw new AppError("rate_limited", `Too many attempts; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    return { count, retryAfterSeconds };
  }
};

/** Keeps a limit's window open `ms` from now (a lock that lasts a full period from the use that caused it). */
export const extendRateLimit = async ({ key, ms }: { key: string; ms: number }) => {
  await getDb().rateLimit.updateMany({ where: { key }, data: { windowEndsAt: new Date(Date.now() + ms) } });
};
