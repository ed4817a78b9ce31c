import { getDb } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";

// Retention: what wxopen keeps, and for how long (RETENTION_* settings). Deleted in batches of ids, a bounded time
// per run, so a huge backlog never holds a long lock; what is left is taken by the next run.

// 500: under the bound-parameter limit of every driver (the SQLite adapter allows 999 per statement).
const BATCH = 500;
const DAY_MS = 24 * 3600_000;

type TPruneSpec = {
  name: string;
  /** Deletes up to BATCH expired rows; answers how many. */
  deleteBatch: (now: Date) => Promise<number>;
};

const specs = (): TPruneSpec[] => {
  const db = getDb();
  const env = getEnv();
  const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
  const byIds = async <T>(ids: T[], remove: (ids: T[]) => Promise<{ count: number }>) => (ids.length ? (await remove(ids)).count : 0);
  return [
    {
      name: "events",
      deleteBatch: async (now) => {
        const where = {
          OR: [
            { outcome: { not: "error" }, at: { lt: daysAgo(now, env.RETENTION_EVENTS_DAYS) } },
            { outcome: "error", at: { lt: daysAgo(now, env.RETENTION_ERROR_EVENTS_DAYS) } },
          ],
        };
        const rows = await db.event.findMany({ where, select: { id: true }, orderBy: { id: "asc" }, take: BATCH });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.event.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      name: "messages",
      deleteBatch: async (now) => {
        const rows = await db.authorizerMessage.findMany({
          where: { receivedAt: { lt: daysAgo(now, env.MESSAGE_RETENTION_DAYS) } },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.authorizerMessage.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      // A delivery's body is the message it forwarded: finished ones go with the messages (their bodies just after). Pending ones stay until
      // delivered or dead (24 h), whatever their age.
      name: "deliveries",
      deleteBatch: async (now) => {
        const rows = await db.delivery.findMany({
          where: { status: { in: ["succeeded", "dead"] }, createdAt: { lt: daysAgo(now, env.MESSAGE_RETENTION_DAYS) } },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.delivery.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      // A body goes once no delivery refers to it (its last one deleted above, or its rule deleted). The delete checks
      // that again in the same statement, and the foreign key refuses to delete a body a delivery refers to.
      name: "delivery bodies",
      deleteBatch: async (now) => {
        const rows = await db.deliveryBody.findMany({
          where: { createdAt: { lt: daysAgo(now, env.MESSAGE_RETENTION_DAYS) }, deliveries: { none: {} } },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          // One statement: DELETE … WHERE id IN (…) AND NOT EXISTS (a delivery referring to it).
          (ids) => db.deliveryBody.deleteMany({ where: { id: { in: ids }, deliveries: { none: {} } } }),
        );
      },
    },
    {
      name: "tickets",
      deleteBatch: async (now) => {
        // Each platform's newest ticket stays whatever its age: it is what that platform's component token is fetched with.
        const platforms = await db.verifyTicket.groupBy({ by: ["componentAppid"] });
        const newest = await Promise.all(
          platforms.map(({ componentAppid }) =>
            db.verifyTicket.findFirst({
              where: { componentAppid },
              orderBy: [{ createTime: "desc" }, { id: "desc" }],
              select: { id: true },
            }),
          ),
        );
        const rows = await db.verifyTicket.findMany({
          where: {
            receivedAt: { lt: daysAgo(now, env.RETENTION_TICKETS_DAYS) },
            id: { notIn: newest.flatMap((row) => (row ? [row.id] : [])) },
          },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.verifyTicket.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      name: "auth-code claims",
      deleteBatch: async (now) => {
        const rows = await db.authCodeClaim.findMany({
          where: { createdAt: { lt: daysAgo(now, env.RETENTION_HOUSEKEEPING_DAYS) } },
          select: { codeHash: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.codeHash),
          (ids) => db.authCodeClaim.deleteMany({ where: { codeHash: { in: ids } } }),
        );
      },
    },
    {
      name: "used and expired invitations",
      deleteBatch: async (now) => {
        const before = daysAgo(now, env.RETENTION_HOUSEKEEPING_DAYS);
        const rows = await db.authorizationLink.findMany({
          where: { OR: [{ usedAt: { lt: before } }, { expiresAt: { lt: before } }] },
          select: { id: true },
          take: BATCH,
        });
        // Their pre_auth_codes go with them (onDelete: Cascade).
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.authorizationLink.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      name: "dashboard sessions",
      deleteBatch: async (now) => {
        const rows = await db.userSession.findMany({
          where: { expiresAt: { lt: daysAgo(now, env.RETENTION_HOUSEKEEPING_DAYS) } },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.userSession.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
    {
      name: "set-password links",
      deleteBatch: async (now) =>
        (await db.passwordToken.deleteMany({ where: { expiresAt: { lt: daysAgo(now, env.RETENTION_HOUSEKEEPING_DAYS) } } })).count,
    },
    {
      name: "rate-limit windows",
      deleteBatch: async (now) => {
        const rows = await db.rateLimit.findMany({ where: { windowEndsAt: { lt: now } }, select: { key: true }, take: BATCH });
        return byIds(
          rows.map((row) => row.key),
          (ids) => db.rateLimit.deleteMany({ where: { key: { in: ids } } }),
        );
      },
    },
    {
      name: "push receipts",
      deleteBatch: async (now) => {
        const before = new Date(now.getTime() - 2 * env.PUSH_TIMESTAMP_TOLERANCE_SECONDS * 1000);
        return (await db.pushReceipt.deleteMany({ where: { receivedAt: { lt: before } } })).count;
      },
    },
    {
      // Released leases stay as expired rows for their next holder; a day later (an instance that stopped, whose
      // heartbeat lease nobody takes again) they go.
      name: "leases",
      deleteBatch: async (now) => {
        const rows = await db.lease.findMany({ where: { expiresAt: { lt: daysAgo(now, 1) } }, select: { name: true }, take: BATCH });
        return byIds(
          rows.map((row) => row.name),
          (names) => db.lease.deleteMany({ where: { name: { in: names }, expiresAt: { lt: daysAgo(now, 1) } } }),
        );
      },
    },
    {
      name: "sweep runs",
      deleteBatch: async (now) => {
        const rows = await db.sweepRun.findMany({
          where: { startedAt: { lt: daysAgo(now, env.RETENTION_HOUSEKEEPING_DAYS) } },
          select: { id: true },
          take: BATCH,
        });
        return byIds(
          rows.map((row) => row.id),
          (ids) => db.sweepRun.deleteMany({ where: { id: { in: ids } } }),
        );
      },
    },
  ];
};

export type PruneExpiredDataOptions = { now?: Date; budgetMs?: number };

/**
 * Deletes what the retention settings no longer keep: a batch of each kind, then more for at most `budgetMs` (the
 * sweep calls it each cycle, holding its lease). Answers the rows deleted per kind, and whether anything was left for next time.
 */
export const pruneExpiredData = async ({ now = new Date(), budgetMs = 5000 }: PruneExpiredDataOptions = {}) => {
  const stopAt = performance.now() + budgetMs;
  const deleted: Record<string, number> = {};
  let isBacklogLeft = false;
  for (const spec of specs()) {
    deleted[spec.name] = 0;
    // At least one batch of each kind per run, then more while the time budget lasts.
    for (;;) {
      const count = await spec.deleteBatch(now);
      deleted[spec.name] += count;
      if (count < BATCH) break;
      if (performance.now() > stopAt) {
        isBacklogLeft = true;
        break;
      }
    }
  }
  const total = Object.values(deleted).reduce((sum, count) => sum + count, 0);
  if (total) log.info("retention.pruned", { deleted, isBacklogLeft });
  return { deleted, isBacklogLeft };
};
