import { getDb } from "../db";
import { ensureFirstAdmin } from "../platform/users/ensure-first-admin";
import { log } from "../log";
import { clearLoginFailures, failureDelayMs, getLoginLock, recordLoginFailure, throttleKey } from "./login-throttle";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { isUserRole, type TSessionUser } from "./roles";

// The codes the sign-in page turns into a message (next-auth passes a thrown message through as ?error=).
export const SIGN_IN_ERRORS = { wrong: "CredentialsSignin", locked: "LoginLocked", disabled: "AccountDisabled" } as const;

/** Thrown when sign-in is refused; `message` is one of SIGN_IN_ERRORS, with `:<minutes>` for a lock. */
export class SignInError extends Error {
  constructor(code: (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS], minutes?: number) {
    super(minutes === undefined ? code : `${code}:${minutes}`);
    this.name = "SignInError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export type SignInWithPasswordOptions = { email: string; password: string; now?: Date };

/** Checks an email and password against the User table, throttled per email. Returns the user or throws SignInError. */
export const signInWithPassword = async ({ email, password, now = new Date() }: SignInWithPasswordOptions): Promise<TSessionUser> => {
  const key = throttleKey(email);
  const lockedUntil = await getLoginLock(key, now);
  if (lockedUntil) throw new SignInError(SIGN_IN_ERRORS.locked, minutesUntil(lockedUntil, now));

  await ensureFirstAdmin();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { email: key },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  const isMatch = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);

  if (!user || !isMatch) {
    const failures = await recordLoginFailure(key, now);
    log.warn("auth.sign_in_failed", { email: key, failures });
    await sleep(failureDelayMs(failures));
    const lock = await getLoginLock(key, now);
    throw lock ? new SignInError(SIGN_IN_ERRORS.locked, minutesUntil(lock, now)) : new SignInError(SIGN_IN_ERRORS.wrong);
  }
  if (user.disabledAt) throw new SignInError(SIGN_IN_ERRORS.disabled);
  if (!isUserRole(user.role)) throw new SignInError(SIGN_IN_ERRORS.disabled);

  await clearLoginFailures(key);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
};
