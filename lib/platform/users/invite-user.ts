import { randomUUID } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "../../auth/password";
import { USER_ROLES } from "../../auth/roles";
import { getDb, isUniqueViolation } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";
import { issuePasswordLink, unusablePassword } from "./issue-password-link";

const ZInvite = z.object({
  email: z.email("email must be an email address such as ops@example.com").transform((email) => email.toLowerCase()),
  name: z.string().trim().max(100, "name must be at most 100 characters").default(""),
  role: z.enum(USER_ROLES, { message: "role must be admin or operator" }),
});

export type InviteUserOptions = { email: string; name?: string; role: string; actor: string };

/**
 * Creates a user who cannot sign in until they choose a password through the one-time link answered here (for the
 * admin to hand over; it works for 7 days). The admin never knows the password.
 */
export const inviteUser = async ({ actor, ...input }: InviteUserOptions) => {
  const parsed = ZInvite.safeParse({ ...input, email: input.email.trim() });
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((issue) => issue.message).join("; "));
  const { email, name, role } = parsed.data;
  const id = randomUUID();
  const passwordHash = await hashPassword(unusablePassword());
  try {
    const { link, expiresAt } = await getDb().$transaction(async (transaction) => {
      await transaction.user.create({ data: { id, email, name, role, passwordHash } });
      await recordEvent(
        {
          kind: "admin.action",
          message: `User ${email} invited as ${role}`,
          detail: { action: "user.invite", userId: id, email, role },
          actor,
        },
        transaction,
      );
      return issuePasswordLink({ userId: id, purpose: "invite" }, transaction);
    });
    return { id, email, name, role, link, expiresAt };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user with the email ${email} already exists`);
    }
    throw error;
  }
};
