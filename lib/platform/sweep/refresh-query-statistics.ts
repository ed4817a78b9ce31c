import { getDb, isPostgres } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { acquireLease } from "../support/lease";

// SQLite plans queries from statistics only ANALYZE writes; without them it takes any index on an equality (the
// `kind` index, then sorts a third of a million rows) over the list's sort index. Postgres's autovacuum keeps its own.

const DAY_MS = 24 * 3600_000;

/** On SQLite, at most once a day across instances: ANALYZE (about a second at a million accounts). */
export const refreshQueryStatistics = async () => {
  if (isPostgres()) return;
  if (!(await acquireLease({ name: "sqlite-analyze", ttlMs: DAY_MS, holder: `${getEnv().INSTANCE_ID}:${Date.now()}` }))) return;
  const startedAt = performance.now();
  await getDb().$executeRawUnsafe("ANALYZE");
  log.info("sqlite.analyzed", { ms: Math.round(performance.now() - startedAt) });
};
