import { createRecoveryCodes, hashRecoveryCode } from "../../auth/recovery-codes";
import { matchTotpStep } from "../../auth/totp";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { decryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";

export type ConfirmSecondFactorSetupOptions = { userId: string; code: string; now?: Date };

/**
 * Turns a user's second factor on once a code from the new secret proves their app has it. Answers ten new recovery
 * codes, the only time they are shown (only their hashes are kept). The code's step counts as used.
 */
export const confirmSecondFactorSetup = async ({ userId, code, now = new Date() }: ConfirmSecondFactorSetupOptions) => {
  const db = getDb();
  const pending = await db.secondFactor.findUnique({
    where: { userId },
    select: { secret: true, enabledAt: true, user: { select: { email: true } } },
  });
  if (!pending) throw new AppError("conflict", "Start the setup first.");
  if (pending.enabledAt) throw new AppError("conflict", "Your second factor is already on.");
  const step = matchTotpStep({ secret: decryptSecret(pending.secret), code, at: now });
  if (step === null)
    throw new AppError(
      "bad_request",
      "That code is not right. Type the 6 digits your app shows for wxopen now (the phone's clock must be set automatically).",
    );
  const recoveryCodes = createRecoveryCodes();
  const { email } = pending.user;
  await db.$transaction(async (transaction) => {
    // Compare-and-set on the secret read: a setup started again in another window meanwhile is not enabled by this code.
    const { count } = await transaction.secondFactor.updateMany({
      where: { userId, enabledAt: null, secret: pending.secret },
      data: { enabledAt: now, lastStep: step },
    });
    if (count !== 1) throw new AppError("conflict", "This setup was started again or finished in another window; reload the page.");
    await transaction.recoveryCode.deleteMany({ where: { userId } });
    await transaction.recoveryCode.createMany({
      data: recoveryCodes.map((recoveryCode) => ({ userId, codeHash: hashRecoveryCode(recoveryCode)! })),
    });
    await recordEvent(
      {
        kind: "auth.second_factor",
        message: `${email} turned on a second factor`,
        detail: { action: "second_factor.enable", userId },
        actor: `user:${email}`,
      },
      transaction,
    );
  });
  return { recoveryCodes };
};
