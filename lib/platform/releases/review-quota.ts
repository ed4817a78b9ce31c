import { getDb, isUniqueViolation } from "../../db";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { getAuditQuota } from "../reviews/get-audit-quota";

// The platform's monthly review slots, counted in the database between reads of queryquota: every submit first takes
// one compare-and-set (rest > 0), so all instances together never submit more than WeChat allows and never spend a
// call on 85085. A read from WeChat replaces the count only while it is 0 (or unread), when no slot can be in flight.

/** The count as wxopen holds it (null before the first read). */
export const readReviewQuota = (platformKey: string) => getDb().reviewQuota.findUnique({ where: { platformKey } });

/** Takes one slot; false when none is left. */
export const takeReviewSlot = async (platformKey: string) =>
  (await getDb().reviewQuota.updateMany({ where: { platformKey, rest: { gt: 0 } }, data: { rest: { decrement: 1 } } })).count === 1;

/** Takes one of the month's speed-up slots; false when none is left. */
export const takeSpeedupSlot = async (platformKey: string) =>
  (await getDb().reviewQuota.updateMany({ where: { platformKey, speedupRest: { gt: 0 } }, data: { speedupRest: { decrement: 1 } } }))
    .count === 1;

/** A speed-up WeChat refused: given back, or (89405) none left whatever the count said. */
export const settleSpeedupSlot = async (platformKey: string, errcode: number | undefined) => {
  await getDb().reviewQuota.updateMany({
    where: { platformKey },
    data: errcode === 89405 ? { speedupRest: 0 } : { speedupRest: { increment: 1 } },
  });
};

/** Gives back a slot WeChat did not spend (the submit failed). */
export const returnReviewSlot = async (platformKey: string) => {
  await getDb().reviewQuota.updateMany({ where: { platformKey }, data: { rest: { increment: 1 } } });
};

/** WeChat said 85085: nothing is left, whatever the count said. */
export const exhaustReviewQuota = async (platformKey: string) => {
  await getDb().reviewQuota.updateMany({ where: { platformKey }, data: { rest: 0, readAt: new Date() } });
};

/**
 * Reads queryquota with `via`'s token (any of the platform's Mini Programs) and stores it when the count is unread,
 * at 0, or `isForced` (a campaign being planned, nothing submitting). Answers the stored count.
 */
export const refreshReviewQuota = async (via: TAuthorizerRef, { isForced = false } = {}) => {
  const db = getDb();
  const quota = await getAuditQuota({ ref: via, actor: "wxopen:releases" });
  const data = {
    rest: quota.rest,
    limit: quota.limit,
    speedupRest: quota.speedupRest,
    speedupLimit: quota.speedupLimit,
    readAt: new Date(),
  };
  const { platformKey } = via;
  const { count } = await db.reviewQuota.updateMany({ where: isForced ? { platformKey } : { platformKey, rest: 0 }, data });
  if (count === 0)
    await db.reviewQuota.create({ data: { platformKey, ...data } }).catch((error: unknown) => {
      // Another instance stored its read first, or the count is above 0 (slots may be in flight): keep that.
      if (!isUniqueViolation(error)) throw error;
    });
  return (await readReviewQuota(platformKey)) ?? { platformKey, ...data };
};
