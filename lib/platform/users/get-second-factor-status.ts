import { isSecondFactorRequired } from "../../auth/second-factor";
import { getDb } from "../../db";

/** What the Account page shows of a user's second factor: on since when, recovery codes left, and whether it is required. */
export const getSecondFactorStatus = async ({ userId }: { userId: string }) => {
  const db = getDb();
  const [factor, recoveryCodesLeft, isRequired] = await Promise.all([
    db.secondFactor.findUnique({ where: { userId }, select: { enabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    isSecondFactorRequired(),
  ]);
  return { enabledAt: factor?.enabledAt ?? null, recoveryCodesLeft, isRequired };
};
