import { randomBytes } from "node:crypto";
import { getDb, type DbTransaction } from "../../db";
import { getEnv } from "../../env";
import { hashSecret } from "../../secrets";

/** How long a set-password link works: an invitation a week, a reset a day. */
const LINK_LIFETIME_MS = { invite: 7 * 24 * 3600_000, reset: 24 * 3600_000 } as const;

export type TPasswordLinkPurpose = keyof typeof LINK_LIFETIME_MS;

/**
 * A one-time link to /set-password/<token> for a user; earlier unused links of theirs stop working. Only the token's
 * hash is stored: the link is answered once, for the admin to hand over, and nobody (the admin included) knows the
 * password the user then chooses.
 */
export const issuePasswordLink = async (
  { userId, purpose }: { userId: string; purpose: TPasswordLinkPurpose },
  transaction: DbTransaction | ReturnType<typeof getDb> = getDb(),
) => {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await transaction.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
  await transaction.passwordToken.create({ data: { tokenHash: hashSecret(token), userId, purpose, expiresAt } });
  return { link: `${getEnv().APP_URL}/set-password/${token}`, expiresAt };
};

/** A password nobody knows: what an invited or reset user has until they use their link. */
export const unusablePassword = () => randomBytes(32).toString("base64url");
