import { createTotpSecret, totpUri } from "../../auth/totp";
import { getDb, isUniqueViolation } from "../../db";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { encryptSecret } from "../../secrets";

const ALREADY_ON = "Your second factor is already on; turn it off first to set up another.";

/**
 * Starts (or starts again) the setup of a user's second factor: a new secret, stored encrypted and not enabled until
 * confirmSecondFactorSetup sees a first code from it. Answers the secret and its otpauth:// URI (the QR code).
 */
export const startSecondFactorSetup = async ({ userId }: { userId: string }) => {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, secondFactor: { select: { enabledAt: true } } } });
  if (!user) throw new AppError("unauthorized", "Sign in again.");
  if (user.secondFactor?.enabledAt) throw new AppError("conflict", ALREADY_ON);
  const secret = createTotpSecret();
  const sealed = encryptSecret(secret);
  // Only a setup still waiting for its code is replaced: a factor enabled meanwhile (another window) stays.
  const { count } = await db.secondFactor.updateMany({
    where: { userId, enabledAt: null },
    data: { secret: sealed, lastStep: null, createdAt: new Date() },
  });
  if (count === 0) {
    try {
      await db.secondFactor.create({ data: { userId, secret: sealed } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", ALREADY_ON);
      throw error;
    }
  }
  const issuer = `wxopen (${new URL(getEnv().APP_URL).host})`;
  return { secret, uri: totpUri({ secret, account: user.email, issuer }) };
};
