import { getDb } from "../db";

// Failed sign-ins per email: 5 within 15 minutes lock the email for 15 minutes; each failure also waits a little longer.

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export const throttleKey = (email: string) => email.trim().toLowerCase();

/** When the email is locked, the time the lock ends; otherwise undefined. */
export const getLoginLock = async (key: string, now = new Date()) => {
  const row = await getDb().loginThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
};

/** Counts a failure (restarting the count after a quiet window) and locks at the limit; returns the count. */
export const recordLoginFailure = async (key: string, now = new Date()) => {
  const db = getDb();
  const row = await db.loginThrottle.findUnique({ where: { key } });
  const isWithinWindow = row?.lastFailure && now.getTime() - row.lastFailure.getTime() < FAILURE_WINDOW_MS;
  const failures = isWithinWindow ? row.failures + 1 : 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures, lastFailure: now, lockedUntil },
    update: { failures, lastFailure: now, lockedUntil },
  });
  return failures;
};

export const clearLoginFailures = async (key: string) => {
  await getDb().loginThrottle.deleteMany({ where: { key } });
};

/** The pause after the nth failure in a row: 0.25 s, 0.5 s, 1 s, 2 s, then 4 s. */
export const failureDelayMs = (failures: number) => Math.min(250 * 2 ** Math.max(failures - 1, 0), 4000);
