import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDbClient, type Db } from "../../lib/db";
import { migrateDatabase } from "../../lib/migrate";

// Each test file gets a database of its own: a SQLite file under .tmp/, or a fresh Postgres database.
// TEST_DATABASE=postgres selects Postgres (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).

export const testProvider = (): "sqlite" | "postgres" => (process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite");
const postgresBase = () => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type TTestDatabase = { url: string; db: Db; drop: () => Promise<void> };

export const createTestDatabase = async ({ migrate = true }: { migrate?: boolean } = {}): Promise<TTestDatabase> => {
  const name = `wxopen_t_${randomBytes(6).toString("hex")}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (testProvider() === "postgres") {
    const admin = new pg.Client({ connectionString: postgresBase() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const base = new URL(postgresBase());
    base.pathname = `/${name}`;
    url = base.toString();
    cleanup = async () => {
      const client = new pg.Client({ connectionString: postgresBase() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const folder = path.resolve(".tmp", "test-db");
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.db`);
    url = `file:${file}`;
    cleanup = async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    };
  }
  if (migrate) await migrateDatabase(url);
  const db = createDbClient(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await cleanup();
    },
  };
};
