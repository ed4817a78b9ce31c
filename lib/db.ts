import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres";
import { PrismaClient, Prisma } from "./generated/sqlite";
import { getEnv, isPostgresUrl } from "./env";

// Both generated clients share one model source, so one type serves both; lib/db picks the provider at run time.
export type Db = PrismaClient;
export type DbTransaction = Prisma.TransactionClient;
export { Prisma };

/** The path of a SQLite `file:` URL, relative to the working directory. */
export const sqlitePath = (databaseUrl: string) => path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));

/**
 * SQLite transactions start with BEGIN IMMEDIATE. The adapter's deferred BEGIN fails at once with "database is
 * locked" when a transaction reads, another process writes, and the transaction then writes (a worker or a second
 * app beside the first); IMMEDIATE takes the write lock up front and waits the busy timeout for it instead.
 */
const immediateTransactions = (factory: PrismaBetterSQLite3) => {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
};

/** A new client for databaseUrl; the app uses getDb(), tests and scripts may open their own. */
export const createDbClient = (databaseUrl: string): Db => {
  if (isPostgresUrl(databaseUrl)) {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const file = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: immediateTransactions(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })) });
};

const globalForDb = globalThis as unknown as { wxopenDb?: Db };

/** The one Prisma client of this process (kept on globalThis so dev reloads do not open more). */
export const getDb = (): Db => (globalForDb.wxopenDb ??= createDbClient(getEnv().DATABASE_URL));

export const isPostgres = () => isPostgresUrl(getEnv().DATABASE_URL);

/** A unique-constraint violation (P2002) from either generated client: `instanceof Prisma…` only matches SQLite's class. */
export const isUniqueViolation = (error: unknown) =>
  error instanceof Error && error.name === "PrismaClientKnownRequestError" && (error as { code?: unknown }).code === "P2002";

/** A case-insensitive `contains` on both providers (SQLite's LIKE already ignores ASCII case). */
export const containsText = (text: string) =>
  (isPostgres() ? { contains: text, mode: "insensitive" } : { contains: text }) as Prisma.StringFilter;
