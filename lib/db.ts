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

/** A value a raw insert takes: both adapters write a Date as Prisma does (SQLite: ISO 8601 text; Postgres: UTC). */
export type TSqlValue = string | number | boolean | Date | null;

/** Bound values per statement: under the SQLite adapter's 999. */
const MAX_VALUES_PER_INSERT = 900;

/**
 * Multi-row INSERTs written as SQL, for the hot paths that insert many small rows (the outbox's deliveries): Prisma's
 * createMany builds and checks its query per row, about 0.4 ms of CPU each (10 delivery rows: 4.5 ms by createMany,
 * 1.1 ms so, on SQLite). Every row gives every column, the same ones: no database default is relied on (SQLite's
 * CURRENT_TIMESTAMP is not the format Prisma writes). `table` and the column names are the schema's, never input.
 */
export const insertRows = async (client: Db | DbTransaction, table: string, rows: Array<Record<string, TSqlValue>>) => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  for (const row of rows)
    if (Object.keys(row).length !== columns.length || columns.some((column) => !(column in row)))
      throw new Error(`insertRows(${table}): every row must give the same columns (${columns.join(", ")})`);
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_INSERT / columns.length));
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  const isPg = isPostgres();
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let position = 0;
    const tuples = chunk.map(() => `(${columns.map(() => (isPg ? `$${++position}` : "?")).join(", ")})`);
    await client.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columnList}) VALUES ${tuples.join(", ")}`,
      ...chunk.flatMap((row) => columns.map((column) => row[column])),
    );
  }
};
