import { getDb } from "../../db";
import { ticketsOf } from "../component/get-latest-verify-ticket";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { getEnv, isPostgresUrl } from "../../env";
import { AUTHORIZER_STATUSES, type TAuthorizerStatus } from "../authorizers/authorizer-status";
import { getTokenSource, type TTokenSource } from "../upstream/get-token-source";
import { countAuthorizerTokens, EXPIRY_BUCKET_MINUTES } from "./count-authorizer-tokens";

// Everything the overview page shows, in one call: ticket age, component token, authorizer counts, upcoming
// expiries in 10-minute buckets over the next two hours, failures and daily-quota (45009) errors in the last day.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const QUOTA_ERRCODE = 45009;

export type TExpiryBucket = { fromMinutes: number; toMinutes: number; count: number };

export type TOverview = {
  now: Date;
  /** When the authorizer counts were read: before `now` on a large platform (see countAuthorizerTokens). */
  countsAt: Date;
  latestTicket: { receivedAt: Date; ageMs: number } | null;
  componentToken: { expiresAt: Date; fetchedAt: Date } | null;
  countsByStatus: Record<TAuthorizerStatus, number>;
  totalAuthorizers: number;
  expiringWithinHour: number;
  expiredButAuthorized: number;
  expiryBuckets: TExpiryBucket[];
  failuresLast24h: number;
  quotaErrors: { count: number; latestAt: Date } | null;
  /** The last sweep's plan found more tokens falling due than the most allowed can refresh. */
  sweepShortfall: { requiredPerSecond: number; maxPerSecond: number; at: Date } | null;
  /** REFRESH_POLICY=active: authorized accounts nobody used within ACTIVE_DAYS (null with the policy `all`). */
  dormantAccounts: number | null;
  /** A push refused in the last day because its signed timestamp was too far from this server's clock. */
  pushClockSkew: { latestAt: Date; skewSeconds: number } | null;
  tokenSource: TTokenSource;
  /** What retention keeps in check: the database's size on disk and the oldest event still kept. */
  storage: { databaseBytes: number | null; oldestEventAt: Date | null };
};

/** The whole database's size: pg_database_size on Postgres, pages × page size on SQLite. */
const databaseBytes = async (): Promise<number | null> => {
  const db = getDb();
  try {
    const [row] = isPostgresUrl(getEnv().DATABASE_URL)
      ? await db.$queryRaw<Array<{ bytes: bigint }>>`SELECT pg_database_size(current_database()) AS bytes`
      : await db.$queryRaw<Array<{ bytes: bigint }>>`SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`;
    return Number(row.bytes);
  } catch {
    return null; // a managed database may not grant it; the overview then says "unknown"
  }
};

/** The overview as of now; with `now` given, every figure is read live as of it. */
/** The deployment's overview; the ticket and the component token are `platform`'s (the default one unless told). */
export const getOverview = async (at?: Date, platform: TPlatform = defaultPlatform()): Promise<TOverview> => {
  const db = getDb();
  const now = at ?? new Date();
  const since = new Date(now.getTime() - DAY);

  const [ticket, token, counts, failuresLast24h, quota, skew, bytes, oldestEvent, lastSweep] = await Promise.all([
    db.verifyTicket.findFirst({ where: ticketsOf(platform), orderBy: { id: "desc" }, select: { receivedAt: true } }),
    db.componentToken.findUnique({
      where: { componentAppid: platform.componentAppid },
      select: { expiresAt: true, fetchedAt: true },
    }),
    countAuthorizerTokens(at),
    db.event.count({ where: { outcome: "error", at: { gte: since } } }),
    db.event.aggregate({ where: { errcode: QUOTA_ERRCODE, at: { gte: since } }, _count: { _all: true }, _max: { at: true } }),
    db.event.findFirst({
      where: { kind: "push.rejected", at: { gte: since } },
      orderBy: { at: "desc" },
      select: { at: true, detail: true },
    }),
    databaseBytes(),
    db.event.findFirst({ orderBy: { at: "asc" }, select: { at: true } }),
    db.sweepRun.findFirst({
      where: { finishedAt: { not: null } },
      orderBy: { id: "desc" },
      select: { finishedAt: true, requiredPerSecond: true, maxPerSecond: true },
    }),
  ]);

  const countsByStatus = Object.fromEntries(AUTHORIZER_STATUSES.map((status) => [status, counts.byStatus.get(status) ?? 0])) as Record<
    TAuthorizerStatus,
    number
  >;
  const hourBuckets = 60 / EXPIRY_BUCKET_MINUTES;

  return {
    now,
    latestTicket: ticket ? { receivedAt: ticket.receivedAt, ageMs: now.getTime() - ticket.receivedAt.getTime() } : null,
    componentToken: token,
    countsAt: counts.at,
    countsByStatus,
    totalAuthorizers: counts.total,
    expiringWithinHour: counts.expiryBuckets.slice(0, hourBuckets).reduce((sum, count) => sum + count, 0),
    expiredButAuthorized: counts.expiredKeptFresh,
    expiryBuckets: counts.expiryBuckets.map((count, index) => ({
      fromMinutes: index * EXPIRY_BUCKET_MINUTES,
      toMinutes: (index + 1) * EXPIRY_BUCKET_MINUTES,
      count,
    })),
    failuresLast24h,
    quotaErrors: quota._count._all > 0 && quota._max.at ? { count: quota._count._all, latestAt: quota._max.at } : null,
    dormantAccounts: counts.dormant,
    sweepShortfall:
      lastSweep?.finishedAt &&
      lastSweep.requiredPerSecond != null &&
      lastSweep.maxPerSecond != null &&
      lastSweep.requiredPerSecond > lastSweep.maxPerSecond
        ? { requiredPerSecond: lastSweep.requiredPerSecond, maxPerSecond: lastSweep.maxPerSecond, at: lastSweep.finishedAt }
        : null,
    pushClockSkew: skew ? { latestAt: skew.at, skewSeconds: Number(JSON.parse(skew.detail ?? "{}").skewSeconds) } : null,
    tokenSource: getTokenSource(),
    storage: { databaseBytes: bytes, oldestEventAt: oldestEvent?.at ?? null },
  };
};
