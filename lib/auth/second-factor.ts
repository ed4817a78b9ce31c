import { getDb } from "../db";
import { recordEvent } from "../platform/activity/record-event";
import { decryptSecret } from "../secrets";
import { hashRecoveryCode } from "./recovery-codes";
import { matchTotpStep, normalizeTotpCode } from "./totp";

// The second factor at sign-in and around it: whether a user has one, whether every user must, and spending a code.
// Its setup, removal and the requirement's switch are use-cases in lib/platform/users.

/** The one row of ConsoleSettings. */
export const CONSOLE_SETTINGS_ID = "console";

/** Where a signed-in user without a second factor is sent while an admin requires one. */
export const SECOND_FACTOR_SETUP_PATH = "/second-factor";

/** Whether an admin requires a second factor of every user (off until first switched on). */
export const isSecondFactorRequired = async () =>
  (await getDb().consoleSettings.findUnique({ where: { id: CONSOLE_SETTINGS_ID }, select: { requireSecondFactor: true } }))
    ?.requireSecondFactor ?? false;

/** Whether the user has a second factor that is on (a setup still waiting for its first code does not count). */
export const hasSecondFactor = async (userId: string) =>
  Boolean((await getDb().secondFactor.findUnique({ where: { userId }, select: { enabledAt: true } }))?.enabledAt);

export type TSecondFactorProof = "totp" | "recovery_code";

export type SpendSecondFactorCodeOptions = { user: { id: string; email: string }; code: string; now?: Date };

/**
 * Spends a code of the user's second factor: a TOTP code of a later step than the last one accepted, or an unused
 * recovery code. Both are compare-and-set, so a code is accepted once however many requests carry it at the same
 * moment. Answers which it was, or null (wrong, used, or no second factor on).
 */
export const spendSecondFactorCode = async ({
  user,
  code,
  now = new Date(),
}: SpendSecondFactorCodeOptions): Promise<TSecondFactorProof | null> => {
  const db = getDb();
  if (normalizeTotpCode(code)) {
    const factor = await db.secondFactor.findUnique({
      where: { userId: user.id },
      select: { secret: true, enabledAt: true, lastStep: true },
    });
    if (!factor?.enabledAt) return null;
    const step = matchTotpStep({ secret: decryptSecret(factor.secret), code, at: now });
    if (step === null || (factor.lastStep !== null && step <= factor.lastStep)) return null;
    const { count } = await db.secondFactor.updateMany({
      where: { userId: user.id, enabledAt: { not: null }, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
      data: { lastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const codeHash = hashRecoveryCode(code);
  if (!codeHash) return null;
  // Recovery codes exist only while the factor is on: they are written when it is enabled and deleted with it.
  const { count } = await db.recoveryCode.updateMany({ where: { userId: user.id, codeHash, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return null;
  const left = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  await recordEvent({
    kind: "auth.second_factor",
    message: `${user.email} used a recovery code (${left} left)`,
    detail: { action: "second_factor.recovery_code_used", userId: user.id, left },
    actor: `user:${user.email}`,
  });
  return "recovery_code";
};
