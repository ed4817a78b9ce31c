import { getDb } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { dormantWhere, keptFreshWhere } from "../authorizers/kept-fresh";

// The authorizer counts the overview and /api/metrics show. Each reads an index over every account: about 200 ms in
// all at a million. A platform of LARGE_PLATFORM accounts or more therefore gets figures up to FRESH_FOR_MS old,
// recomputed in the background (one computation at a time in a process) while the last ones are answered; a
// smaller platform gets them live on every read.

export const EXPIRY_BUCKET_MINUTES = 10;
export const EXPIRY_HORIZON_MINUTES = 120;
export const LARGE_PLATFORM = 100_000;
const FRESH_FOR_MS = 15_000;
/** Older than this, a reader waits for new figures rather than be answered stale ones. */
const STALE_AT_MOST_MS = 120_000;
const MINUTE = 60_000;

export type TAuthorizerTokenCounts = {
  /** When the figures were read: the overview says so when they are not live. */
  at: Date;
  byStatus: Map<string, number>;
  total: number;
  /** Tokens of authorized accounts: none stored, expired, within REFRESH_WINDOW_MINUTES, beyond it. */
  tokens: { missing: number; expired: number; expiring: number; fresh: number };
  /** Expired tokens of the accounts the sweep keeps fresh (dormant ones under REFRESH_POLICY=active expire by design). */
  expiredKeptFresh: number;
  /** Authorized tokens expiring in each EXPIRY_BUCKET_MINUTES over the next EXPIRY_HORIZON_MINUTES. */
  expiryBuckets: number[];
  /** REFRESH_POLICY=active: authorized accounts nobody used within ACTIVE_DAYS (null with the policy `all`). */
  dormant: number | null;
};

const readCounts = async (now: Date): Promise<TAuthorizerTokenCounts> => {
  const db = getDb();
  const env = getEnv();
  const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
  const authorized = { status: "authorized" };
  const bucketStarts = Array.from({ length: EXPIRY_HORIZON_MINUTES / EXPIRY_BUCKET_MINUTES }, (_, index) => index * EXPIRY_BUCKET_MINUTES);
  const [groups, missing, expired, expiring, expiredKeptFresh, expiryBuckets, dormant] = await Promise.all([
    db.authorizer.groupBy({ by: ["status"], _count: { _all: true } }),
    db.authorizer.count({ where: { ...authorized, accessTokenExpiresAt: null } }),
    db.authorizer.count({ where: { ...authorized, accessTokenExpiresAt: { lte: now } } }),
    db.authorizer.count({ where: { ...authorized, accessTokenExpiresAt: { gt: now, lte: at(env.REFRESH_WINDOW_MINUTES) } } }),
    db.authorizer.count({ where: { ...keptFreshWhere(now), accessTokenExpiresAt: { lte: now } } }),
    Promise.all(
      bucketStarts.map((start) =>
        db.authorizer.count({ where: { ...authorized, accessTokenExpiresAt: { gt: at(start), lte: at(start + EXPIRY_BUCKET_MINUTES) } } }),
      ),
    ),
    env.REFRESH_POLICY === "active" ? db.authorizer.count({ where: dormantWhere(now) }) : null,
  ]);
  const byStatus = new Map(groups.map((group) => [group.status, group._count._all]));
  const total = [...byStatus.values()].reduce((sum, count) => sum + count, 0);
  // Every authorized token is in exactly one state, so the largest one is what the others leave.
  const fresh = (byStatus.get("authorized") ?? 0) - missing - expired - expiring;
  return { at: now, byStatus, total, tokens: { missing, expired, expiring, fresh }, expiredKeptFresh, expiryBuckets, dormant };
};

const globalForCounts = globalThis as unknown as {
  wxopenTokenCounts?: { counts: TAuthorizerTokenCounts; readAt: number };
  wxopenTokenCountsReading?: Promise<TAuthorizerTokenCounts>;
};

const readShared = () =>
  (globalForCounts.wxopenTokenCountsReading ??= readCounts(new Date())
    .then((counts) => {
      globalForCounts.wxopenTokenCounts = { counts, readAt: Date.now() };
      return counts;
    })
    .finally(() => {
      globalForCounts.wxopenTokenCountsReading = undefined;
    }));

/** The counts as of `now` if given (live), else as described above (`largePlatform` is for tests). */
export const countAuthorizerTokens = async (now?: Date, largePlatform = LARGE_PLATFORM): Promise<TAuthorizerTokenCounts> => {
  if (now) return readCounts(now);
  const kept = globalForCounts.wxopenTokenCounts;
  const ageMs = kept ? Date.now() - kept.readAt : Infinity;
  if (!kept || kept.counts.total < largePlatform || ageMs > STALE_AT_MOST_MS) return readShared();
  if (ageMs > FRESH_FOR_MS) void readShared().catch((error) => log.warn("monitoring.counts_failed", { error }));
  return kept.counts;
};
