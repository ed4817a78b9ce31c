import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "./env";
import { sqlitePath } from "./db";

// Applies prisma/migrations/<provider>/<name>/migration.sql in name order, each in its own transaction, recorded
// in _wxopen_migrations. Prisma's migrate cannot run through the pg adapter (prisma/orm#27403), so this runner
// serves both providers. On Postgres an advisory lock makes instances that start together apply each once.

const MIGRATIONS_TABLE = "_wxopen_migrations";
const POSTGRES_LOCK_KEY = 720_143_001;

type TMigration = { name: string; sql: string; checksum: string };

export const loadMigrations = (provider: "sqlite" | "postgres", root = path.join(process.cwd(), "prisma", "migrations")): TMigration[] => {
  const folder = path.join(/*turbopackIgnore: true*/ root, provider);
  if (!existsSync(folder)) throw new Error(`No migrations folder at ${folder}`);
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
};

const upTo = (migrations: TMigration[], through?: string) =>
  through === undefined ? migrations : migrations.filter((migration) => migration.name <= through);

const checkUnchanged = (migration: TMigration, appliedChecksum: string | undefined) => {
  if (appliedChecksum && appliedChecksum !== migration.checksum) {
    throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead`);
  }
};

const migrateSqlite = (databaseUrl: string, through?: string): string[] => {
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: 30_000 });
  try {
    database.pragma("journal_mode = WAL");
    // A migration that rebuilds a table (Prisma's RedefineTables: copy, DROP, rename) must run with foreign keys off,
    // or dropping a parent table deletes its children's rows through ON DELETE CASCADE. SQLite ignores this pragma
    // inside a transaction (so the migrations' own PRAGMA lines do nothing), hence here, on the runner's connection
    // only; foreign_key_check below refuses a migration that leaves a row without its parent.
    database.pragma("foreign_keys = OFF");
    database.exec(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied: string[] = [];
    for (const migration of upTo(loadMigrations("sqlite"), through)) {
      // BEGIN IMMEDIATE takes SQLite's write lock, so a second process waits and then sees the row.
      database.exec("BEGIN IMMEDIATE");
      try {
        const row = database.prepare(`SELECT checksum FROM ${MIGRATIONS_TABLE} WHERE name = ?`).get(migration.name) as
          { checksum: string } | undefined;
        checkUnchanged(migration, row?.checksum);
        if (!row) {
          database.exec(migration.sql);
          const orphans = database.pragma("foreign_key_check") as Array<{ table: string; parent: string }>;
          if (orphans.length > 0)
            throw new Error(
              `Migration ${migration.name} leaves ${orphans.length} row(s) without their parent (first: ${orphans[0].table} → ${orphans[0].parent})`,
            );
          database
            .prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`)
            .run(migration.name, migration.checksum, new Date().toISOString());
          applied.push(migration.name);
        }
        database.exec("COMMIT");
      } catch (error) {
        database.exec("ROLLBACK");
        throw error;
      }
    }
    // New indexes need statistics before SQLite's planner will prefer them (the sweep refreshes them daily).
    if (applied.length > 0) database.exec("ANALYZE");
    return applied;
  } finally {
    database.close();
  }
};

const migratePostgres = async (databaseUrl: string, through?: string): Promise<string[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${MIGRATIONS_TABLE}`);
    const appliedChecksums = new Map(rows.map((row) => [row.name, row.checksum]));
    const applied: string[] = [];
    for (const migration of upTo(loadMigrations("postgres"), through)) {
      checkUnchanged(migration, appliedChecksums.get(migration.name));
      if (appliedChecksums.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [POSTGRES_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
};

/**
 * Brings the database at databaseUrl up to date (or up to the migration named `through`, for a test of a migration
 * that carries data); returns the names of the migrations it applied.
 */
export const migrateDatabase = async (databaseUrl: string, { through }: { through?: string } = {}): Promise<string[]> =>
  isPostgresUrl(databaseUrl) ? migratePostgres(databaseUrl, through) : migrateSqlite(databaseUrl, through);
