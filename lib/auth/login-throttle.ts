import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { recordEvent } from "../platform/activity/record-event";
import { consumeRateLimit, extendRateLimit } from "../platform/support/consume-rate-limit";

// Sign-in attempts are counted before the password is checked, one atomic increment per limit, so parallel guesses
// cannot all slip past a read-then-write check. With the client's address known (TRUST_PROXY_HEADERS) the limits
// are per address (30), per email and address (5) and per email from anywhere (50): a stranger guessing at the
// admin's email locks out only their own address. Without it: 5 per email. Five failures within 15 minutes lock
// from the last one: 15 minutes the first time, then twice as long each time the same email (and address) is locked
// again, up to 4 hours; the lock count is forgotten after 24 hours without a lock. A success clears the email's
// counts; admins see locked emails on Settings and can lift a lock. A wrong second-factor code is a failure like a
// wrong password.

export const MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOCK_MS = 4 * 3600 * 1000;
export const LOCK_MEMORY_MS = 24 * 3600 * 1000;
const PER_ADDRESS = 30;
const PER_EMAIL_ANYWHERE = 50;

export const throttleKey = (email: string) => email.trim().toLowerCase();

const emailKey = (email: string) => `login:email:${email}`;
const pairKey = (email: string, ip: string) => `login:pair:${email}|${ip}`;
/** How many times a lock key was locked lately (its own row, so listLoginLocks never takes it for a lock). */
const locksKey = (lockKey: string) => lockKey.replace(/^login:(email|pair):/, "login:locks:");

export type TLoginAttempt = { email: string; ip: string | null };

/** A limit is used up: no password is checked until its window ends (or an admin lifts the lock). */
export class LoginLockedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("sign-in locked");
    this.name = "LoginLockedError";
  }
}

/**
 * Counts this attempt against every limit that applies; throws LoginLockedError when one is used up. Answers the
 * attempts on this email (from this address, when known) and whether a failure now locks it.
 */
export const reserveLoginAttempt = async ({ email, ip }: TLoginAttempt) => {
  const perEmail = ip ? { key: pairKey(email, ip), limit: MAX_FAILURES } : { key: emailKey(email), limit: MAX_FAILURES };
  const limits = ip
    ? [{ key: `login:ip:${ip}`, limit: PER_ADDRESS }, perEmail, { key: emailKey(email), limit: PER_EMAIL_ANYWHERE }]
    : [perEmail];
  let attempts = 0;
  for (const { key, limit } of limits) {
    try {
      const counted = await consumeRateLimit({ key, limit, windowMs: LOGIN_WINDOW_MS });
      if (key === perEmail.key) attempts = counted.count;
    } catch (error) {
      if (error instanceof AppError && error.code === "rate_limited")
        throw new LoginLockedError(Number(error.details?.retryAfterSeconds ?? 60));
      throw error;
    }
  }
  return { attempts, isLastTry: attempts >= MAX_FAILURES, lockKey: perEmail.key, keys: limits.map(({ key }) => key) };
};

/**
 * An attempt that was no failure after all: the right password, the second factor still to come. Uncounted, so
 * asking for the code costs no try; the attempt with the code is counted like any other.
 */
export const releaseLoginAttempt = async ({ keys }: { keys: string[] }) => {
  await getDb().rateLimit.updateMany({ where: { key: { in: keys }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
};

/** How long the nth lock in a row lasts: 15 minutes, 30, 1 hour, 2, then 4 hours at most. */
export const lockDurationMs = (lockNumber: number) => Math.min(LOGIN_WINDOW_MS * 2 ** Math.max(lockNumber - 1, 0), MAX_LOCK_MS);

/**
 * The failure that used the last try locks its key from now, for longer the more often it was locked lately.
 * Answers the lock's minutes. The lock count is one atomic increment (only the attempt that used the last try gets
 * here), and it is kept LOCK_MEMORY_MS from this lock.
 */
export const lockLogin = async (lockKey: string) => {
  const { count } = await consumeRateLimit({ key: locksKey(lockKey), windowMs: LOCK_MEMORY_MS });
  await extendRateLimit({ key: locksKey(lockKey), ms: LOCK_MEMORY_MS });
  const ms = lockDurationMs(count);
  await extendRateLimit({ key: lockKey, ms });
  return ms / 60_000;
};

/** A successful sign-in forgets the email's failures and locks (its own, and from this address). */
export const clearLoginAttempts = async ({ email, ip }: TLoginAttempt) => {
  const keys = [emailKey(email), ...(ip ? [pairKey(email, ip)] : [])];
  await getDb().rateLimit.deleteMany({ where: { key: { in: [...keys, ...keys.map(locksKey)] } } });
};

/** The emails that cannot sign in right now (from one address, or from anywhere), for admins. */
export const listLoginLocks = async () => {
  const emailLimit = getEnv().TRUST_PROXY_HEADERS ? PER_EMAIL_ANYWHERE : MAX_FAILURES;
  const rows = await getDb().rateLimit.findMany({
    where: {
      windowEndsAt: { gt: new Date() },
      OR: [
        { key: { startsWith: "login:email:" }, count: { gte: emailLimit } },
        { key: { startsWith: "login:pair:" }, count: { gte: MAX_FAILURES } },
      ],
    },
    select: { key: true, windowEndsAt: true },
    orderBy: { windowEndsAt: "asc" },
  });
  return rows.map(({ key, windowEndsAt }) => {
    const subject = key.replace(/^login:(email|pair):/, "");
    const [email, ip] = subject.split("|");
    return { email, ip: ip ?? null, until: windowEndsAt };
  });
};

/** An admin lifts every sign-in lock on an email; the event log says who. */
export const liftLoginLock = async ({ email, actor }: { email: string; actor: string }) => {
  const key = throttleKey(email);
  const [anywhere, fromAddresses] = [emailKey(key), pairKey(key, "")];
  const { count } = await getDb().rateLimit.deleteMany({
    where: {
      OR: [
        { key: { in: [anywhere, locksKey(anywhere)] } },
        { key: { startsWith: fromAddresses } },
        { key: { startsWith: locksKey(fromAddresses) } },
      ],
    },
  });
  await recordEvent({ kind: "admin.action", message: `Sign-in lock on ${key} lifted (${count} counter(s) cleared)`, actor });
  return { lifted: count };
};

/** The pause after the nth failure in a row: 0.25 s, 0.5 s, 1 s, 2 s, then 4 s. */
export const failureDelayMs = (failures: number) => Math.min(250 * 2 ** Math.max(failures - 1, 0), 4000);
