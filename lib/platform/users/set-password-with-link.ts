import { hashPassword } from "../../auth/password";
import { assertPasswordPolicy } from "../../auth/password-policy";
import { revokeUserSessions } from "../../auth/user-sessions";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";

/** The link's user when it still works (unused, unexpired, the user enabled); for the set-password page. */
export const findPasswordLink = async (token: string) => {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await getDb().passwordToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.user.disabledAt) return null;
  return { email: row.user.email, userId: row.user.id, purpose: row.purpose };
};

/**
 * Sets a password through a one-time link. The link is spent in the same transaction (compare-and-set, so two
 * submissions cannot both use it), and every session of the user ends.
 */
export const setPasswordWithLink = async ({ token, password, confirmation }: { token: string; password: string; confirmation: string }) => {
  const link = await findPasswordLink(token);
  if (!link)
    throw new AppError("gone", "This link has been used, has expired or was replaced by a newer one. Ask an admin for a new link.");
  assertPasswordPolicy(password, confirmation);
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (transaction) => {
    const { count } = await transaction.passwordToken.updateMany({
      where: { tokenHash: hashSecret(token), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) throw new AppError("gone", "This link was used a moment ago. Sign in with the password you set.");
    await transaction.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await recordEvent(
      {
        kind: "admin.action",
        message: `${link.email} set a password (${link.purpose} link)`,
        detail: { action: "user.set_password", userId: link.userId },
        actor: `user:${link.email}`,
      },
      transaction,
    );
  });
  await revokeUserSessions(link.userId);
  return { email: link.email };
};
