import { randomUUID } from "node:crypto";
import { hashPassword } from "../../auth/password";
import { findPasswordProblem, PasswordPolicyError } from "../../auth/password-policy";
import { getDb, isUniqueViolation } from "../../db";
import { ConfigError, getEnv } from "../../env";
import { log } from "../../log";

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet (at start and at the first
 * sign-in). Answers what it found: "created", "exists" (users exist, or another instance created it just now) or
 * "unconfigured" (no user and no ADMIN_EMAIL / ADMIN_PASSWORD). An ADMIN_PASSWORD the password policy refuses is a
 * ConfigError (the instance does not start), checked only when it would be used.
 */
export const ensureFirstAdmin = async (): Promise<"created" | "exists" | "unconfigured"> => {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = getEnv();
  const db = getDb();
  if ((await db.user.count()) > 0) return "exists";
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) {
    log.warn("auth.no_users", { message: "No user exists and ADMIN_EMAIL / ADMIN_PASSWORD are not set: nobody can sign in." });
    return "unconfigured";
  }
  const problem = findPasswordProblem(ADMIN_PASSWORD);
  if (problem) throw new ConfigError([`ADMIN_PASSWORD: ${new PasswordPolicyError(problem).message}`]);
  try {
    await db.user.create({
      data: {
        id: randomUUID(),
        email: ADMIN_EMAIL.toLowerCase(),
        name: "Admin",
        role: "admin",
        passwordHash: await hashPassword(ADMIN_PASSWORD),
      },
    });
  } catch (error) {
    // Another instance created it first.
    if (isUniqueViolation(error)) return "exists";
    throw error;
  }
  log.info("auth.first_admin_created", {
    email: ADMIN_EMAIL.toLowerCase(),
    message:
      "ADMIN_PASSWORD was used once, to create this admin, and is not read again: remove it from the environment and change the password on /account.",
  });
  return "created";
};
