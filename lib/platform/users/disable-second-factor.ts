import { clearLoginAttempts, LoginLockedError, reserveLoginAttempt } from "../../auth/login-throttle";
import { verifyPassword } from "../../auth/password";
import { spendSecondFactorCode } from "../../auth/second-factor";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";

export type DisableSecondFactorOptions = { userId: string; proof: string; now?: Date };

/**
 * A signed-in user turns their second factor off, proving it is them with a current code, an unused recovery code or
 * their password (counted like a sign-in attempt). Its secret and recovery codes are deleted.
 */
export const disableSecondFactor = async ({ userId, proof, now = new Date() }: DisableSecondFactorOptions) => {
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, passwordHash: true, secondFactor: { select: { enabledAt: true } } },
  });
  if (!user) throw new AppError("unauthorized", "Sign in again.");
  if (!user.secondFactor?.enabledAt) throw new AppError("conflict", "Your second factor is already off.");
  try {
    await reserveLoginAttempt({ email: user.email, ip: null });
  } catch (error) {
    if (error instanceof LoginLockedError)
      throw new AppError("rate_limited", "Too many wrong codes or passwords; try again in 15 minutes.");
    throw error;
  }
  const isProven =
    proof.trim() !== "" &&
    ((await spendSecondFactorCode({ user, code: proof, now })) !== null || (await verifyPassword(proof, user.passwordHash)));
  if (!isProven) throw new AppError("bad_request", "That is not a current code, an unused recovery code or your password.");
  await clearLoginAttempts({ email: user.email, ip: null });
  await db.$transaction(async (transaction) => {
    await transaction.secondFactor.deleteMany({ where: { userId } });
    await transaction.recoveryCode.deleteMany({ where: { userId } });
    await recordEvent(
      {
        kind: "auth.second_factor",
        message: `${user.email} turned off their second factor`,
        detail: { action: "second_factor.disable", userId },
        actor: `user:${user.email}`,
      },
      transaction,
    );
  });
};
