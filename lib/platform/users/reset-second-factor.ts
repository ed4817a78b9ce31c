import { revokeUserSessions } from "../../auth/user-sessions";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";

/** Whose factor: by id (the Settings page) or by email (the operator CLI). */
export type ResetSecondFactorOptions = ({ userId: string } | { email: string }) & {
  actor: string;
  /** The admin asking, when it is one (not the CLI): their own factor is turned off on the Account page, with proof. */
  actorUserId?: string;
};

/**
 * An admin (or the operator CLI, for a sole admin who lost their phone) removes a user's second factor: its secret and
 * recovery codes are deleted and the user's sessions end. They sign in with their password alone and, while a second
 * factor is required, set up a new one before anything else.
 */
export const resetSecondFactor = async ({ actor, actorUserId, ...who }: ResetSecondFactorOptions) => {
  if ("userId" in who && who.userId === actorUserId)
    throw new AppError("conflict", "Turn your own second factor off on the Account page; a reset is for other users.");
  const db = getDb();
  const where = "userId" in who ? { id: who.userId } : { email: who.email.trim().toLowerCase() };
  const result = await db.$transaction(async (transaction) => {
    const user = await transaction.user.findUnique({ where, select: { id: true, email: true } });
    if (!user)
      throw new AppError("not_found", "userId" in who ? "No such user; reload the page." : `No user has the email ${where.email}.`);
    const { count } = await transaction.secondFactor.deleteMany({ where: { userId: user.id, enabledAt: { not: null } } });
    if (count === 0) throw new AppError("conflict", `${user.email} has no second factor to reset.`);
    await transaction.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordEvent(
      {
        kind: "auth.second_factor",
        message: `Second factor of ${user.email} reset`,
        detail: { action: "second_factor.reset", userId: user.id },
        actor,
      },
      transaction,
    );
    return user;
  });
  const endedSessions = await revokeUserSessions(result.id);
  return { userId: result.id, email: result.email, endedSessions };
};
