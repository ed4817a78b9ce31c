import { hashPassword } from "../../auth/password";
import { revokeUserSessions } from "../../auth/user-sessions";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";
import { issuePasswordLink, unusablePassword } from "./issue-password-link";

export type ResetUserPasswordOptions = { userId: string; actor: { id: string; label: string } };

/**
 * An admin resets someone's password: the old one stops working at once, their sessions end, and a one-time link
 * (24 hours) lets them choose a new one before they can sign in again.
 */
export const resetUserPassword = async ({ userId, actor }: ResetUserPasswordOptions) => {
  if (userId === actor.id) throw new AppError("conflict", "Change your own password on the Account page; a reset is for other users.");
  const passwordHash = await hashPassword(unusablePassword());
  const result = await getDb().$transaction(async (transaction) => {
    const user = await transaction.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new AppError("not_found", "No such user; reload the page.");
    await transaction.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordEvent(
      {
        kind: "admin.action",
        message: `Password of ${user.email} reset`,
        detail: { action: "user.reset_password", userId },
        actor: actor.label,
      },
      transaction,
    );
    return { email: user.email, ...(await issuePasswordLink({ userId, purpose: "reset" }, transaction)) };
  });
  await revokeUserSessions(userId);
  return result;
};
