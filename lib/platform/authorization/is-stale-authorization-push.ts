import { getDb } from "../../db";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";

/** CreateTime has whole seconds; the rows' times have milliseconds. */
const CREATE_TIME_GRANULARITY_MS = 1000;

export type IsStaleAuthorizationPushOptions = TAuthorizerRef & { createTime: Date };

/**
 * True when the push was created before the account's latest authorization change we hold (an authorization or a
 * cancellation): it describes a past state, delivered late or replayed, and must not undo the newer one.
 */
export const isStaleAuthorizationPush = async ({ createTime, ...ref }: IsStaleAuthorizationPushOptions) => {
  const row = await getDb().authorizer.findUnique({ where: authorizerWhere(ref), select: { authorizedAt: true, unauthorizedAt: true } });
  const latestChange = Math.max(row?.authorizedAt?.getTime() ?? 0, row?.unauthorizedAt?.getTime() ?? 0);
  return latestChange > createTime.getTime() + CREATE_TIME_GRANULARITY_MS;
};

/** The Prisma condition of the same rule, for a compare-and-set write. */
export const changedNoLaterThan = (createTime: Date) => {
  const latest = new Date(createTime.getTime() + CREATE_TIME_GRANULARITY_MS);
  return {
    AND: [
      { OR: [{ authorizedAt: null }, { authorizedAt: { lte: latest } }] },
      { OR: [{ unauthorizedAt: null }, { unauthorizedAt: { lte: latest } }] },
    ],
  };
};
