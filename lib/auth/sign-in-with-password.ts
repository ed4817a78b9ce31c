import { getDb } from "../db";
import { ensureFirstAdmin } from "../platform/users/ensure-first-admin";
import { log } from "../log";
import {
  clearLoginAttempts,
  failureDelayMs,
  lockLogin,
  LoginLockedError,
  releaseLoginAttempt,
  reserveLoginAttempt,
  throttleKey,
} from "./login-throttle";
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from "./password";
import { isUserRole, type TSessionUser } from "./roles";
import { spendSecondFactorCode } from "./second-factor";

// The codes the sign-in page turns into a message (next-auth passes a thrown message through as ?error=).
export const SIGN_IN_ERRORS = {
  wrong: "CredentialsSignin",
  locked: "LoginLocked",
  disabled: "AccountDisabled",
  /** The password is right and the user has a second factor: sign in again with its code. */
  codeNeeded: "SecondFactorRequired",
  wrongCode: "SecondFactorWrong",
} as const;

/** Thrown when sign-in is refused; `message` is one of SIGN_IN_ERRORS, with `:<minutes>` for a lock. */
export class SignInError extends Error {
  constructor(code: (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS], minutes?: number) {
    super(minutes === undefined ? code : `${code}:${minutes}`);
    this.name = "SignInError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export type SignInWithPasswordOptions = {
  email: string;
  password: string;
  /** The second factor's code (or a recovery code), for a user who has one. */
  code?: string;
  ip?: string | null;
  now?: Date;
};

/**
 * Checks an email and password against the User table, then the second factor's code when the user has one. The
 * attempt is counted (per email, and per address when it is known) before anything is checked; a wrong password and
 * a wrong code are failures alike. Without a code, a user with a second factor is answered SecondFactorRequired,
 * which costs no try and starts no session. A hash in an older format is replaced on success. Returns the user or
 * throws SignInError.
 */
export const signInWithPassword = async ({
  email,
  password,
  code = "",
  ip = null,
  now = new Date(),
}: SignInWithPasswordOptions): Promise<TSessionUser> => {
  const key = throttleKey(email);
  let attempt;
  try {
    attempt = await reserveLoginAttempt({ email: key, ip });
  } catch (error) {
    if (error instanceof LoginLockedError) throw new SignInError(SIGN_IN_ERRORS.locked, minutesOf(error.retryAfterSeconds));
    throw error;
  }
  const refuse = async (reason: "wrong" | "wrongCode") => {
    log.warn("auth.sign_in_failed", { email: key, failures: attempt.attempts, reason });
    await sleep(failureDelayMs(attempt.attempts));
    return attempt.isLastTry
      ? new SignInError(SIGN_IN_ERRORS.locked, await lockLogin(attempt.lockKey))
      : new SignInError(SIGN_IN_ERRORS[reason]);
  };

  await ensureFirstAdmin();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { email: key },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      passwordHash: true,
      disabledAt: true,
      secondFactor: { select: { enabledAt: true } },
    },
  });
  const isMatch = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);

  if (!user || !isMatch) throw await refuse("wrong");
  if (user.disabledAt) throw new SignInError(SIGN_IN_ERRORS.disabled);
  if (!isUserRole(user.role)) throw new SignInError(SIGN_IN_ERRORS.disabled);
  if (user.secondFactor?.enabledAt) {
    if (!code.trim()) {
      await releaseLoginAttempt(attempt);
      throw new SignInError(SIGN_IN_ERRORS.codeNeeded);
    }
    if (!(await spendSecondFactorCode({ user, code, now }))) throw await refuse("wrongCode");
  }

  await clearLoginAttempts({ email: key, ip });
  const rehashed = needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {};
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now, ...rehashed } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
};
