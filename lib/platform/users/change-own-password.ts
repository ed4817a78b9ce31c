import { clearLoginAttempts, LoginLockedError, reserveLoginAttempt } from "../../auth/login-throttle";
import { hashPassword, verifyPassword } from "../../auth/password";
import { assertPasswordPolicy } from "../../auth/password-policy";
import { revokeUserSessions } from "../../auth/user-sessions";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";

export type ChangeOwnPasswordOptions = {
  userId: string;
  /** The session making the change stays; every other one ends. */
  sessionId?: string;
  currentPassword: string;
  password: string;
  confirmation: string;
};

/** A signed-in user changes their password; the current one is required (and counted like a sign-in attempt). */
export const changeOwnPassword = async ({ userId, sessionId, currentPassword, password, confirmation }: ChangeOwnPasswordOptions) => {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("unauthorized", "Sign in again.");
  try {
    await reserveLoginAttempt({ email: user.email, ip: null });
  } catch (error) {
    if (error instanceof LoginLockedError)
      throw new AppError(
        "rate_limited",
        `Too many wrong current passwords; try again in ${Math.ceil(error.retryAfterSeconds / 60)} minutes.`,
        { retryAfterSeconds: error.retryAfterSeconds },
      );
    throw error;
  }
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError("bad_request", "The current password is not right.");
  await clearLoginAttempts({ email: user.email, ip: null });
  assertPasswordPolicy(password, confirmation);
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
  const ended = await revokeUserSessions(userId, sessionId);
  await recordEvent({
    kind: "admin.action",
    message: `${user.email} changed their password`,
    detail: { action: "user.change_password", endedSessions: ended },
    actor: `user:${user.email}`,
  });
};
