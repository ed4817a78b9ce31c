import { z } from "zod";
import { revokeKeysOfCreator } from "../../auth/api-keys";
import { USER_ROLES, type TUserRole } from "../../auth/roles";
import { revokeUserSessions } from "../../auth/user-sessions";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";

const ZUpdate = z.object({
  role: z.enum(USER_ROLES, { message: "role must be admin or operator" }).optional(),
  isDisabled: z.boolean().optional(),
});

export type UpdateUserOptions = { userId: string; role?: string; isDisabled?: boolean; actor: { id: string; label: string } };

/** Changes a user's role or disables / re-enables them. Nobody disables or demotes themselves, so an admin always remains. */
export const updateUser = async ({ userId, actor, ...changes }: UpdateUserOptions) => {
  const parsed = ZUpdate.safeParse(changes);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((issue) => issue.message).join("; "));
  const { role, isDisabled } = parsed.data;
  if (userId === actor.id && (isDisabled || (role && role !== "admin"))) {
    throw new AppError("conflict", "You cannot disable yourself or take away your own admin role; ask another admin.");
  }
  const updated = await getDb().$transaction(async (transaction) => {
    const user = await transaction.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    if (!user) throw new AppError("not_found", "No such user; reload the page.");
    const data = {
      ...(role ? { role } : {}),
      ...(isDisabled === undefined ? {} : { disabledAt: isDisabled ? (user.disabledAt ?? new Date()) : null }),
    };
    const updated = await transaction.user.update({
      where: { id: userId },
      data,
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    // The keys this user created act for them: disabled, all stop; a lower role, those above it stop.
    const keyRole = updated.disabledAt ? null : (updated.role as TUserRole);
    if (keyRole === null || (role && role !== user.role)) {
      await revokeKeysOfCreator(transaction, {
        userId,
        email: user.email,
        role: keyRole,
        actor: actor.label,
      });
    }
    const action = isDisabled === undefined ? "user.role" : isDisabled ? "user.disable" : "user.enable";
    await recordEvent(
      {
        kind: "admin.action",
        message: `User ${user.email}: ${action}${role ? ` (${role})` : ""}`,
        detail: { action, userId, email: user.email, role: updated.role },
        actor: actor.label,
      },
      transaction,
    );
    return updated;
  });
  // Disabling ends every session on the server at once, not only at the next permission check.
  if (isDisabled) await revokeUserSessions(userId);
  return updated;
};
