import { getDb, isUniqueViolation } from "../../db";
import { getEnv } from "../../env";

// A database lease: one holder at a time across every instance on the database, until it expires. Used for
// work that must happen once (a token refresh), never for correctness of the stored data.

export type TLeaseOptions = { name: string; ttlMs: number; holder?: string };

/** Takes the lease if it is free, expired or already ours. Returns whether we hold it now. */
export const acquireLease = async ({ name, ttlMs, holder = getEnv().INSTANCE_ID }: TLeaseOptions): Promise<boolean> => {
  const db = getDb();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.lease.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

/**
 * Gives the lease up by expiring it: the row stays, so the next acquire is one update rather than a failed update and
 * an insert (the sweep's chore lease is taken every run). Retention deletes leases expired for a day. (An account's
 * refresh lease is not here: it is two columns on its row, see refresh-authorizer-token.ts.)
 */
export const releaseLease = async ({ name, holder = getEnv().INSTANCE_ID }: Omit<TLeaseOptions, "ttlMs">) => {
  await getDb().lease.updateMany({ where: { name, holder }, data: { expiresAt: RELEASED_AT } });
};

const RELEASED_AT = new Date(0);

/** Runs work under the lease; answers { acquired: false } at once when another holder has it. */
export const withLease = async <T>(
  options: TLeaseOptions,
  work: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> => {
  if (!(await acquireLease(options))) return { acquired: false };
  try {
    return { acquired: true, value: await work() };
  } finally {
    await releaseLease(options);
  }
};
