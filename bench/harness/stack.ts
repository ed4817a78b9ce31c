import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { startSimulator, type Simulator, type TSimulatorConfig } from "../../simulator";
import { appEnv, freePort, startApp, TEST_COMPONENT, type TTestApp } from "../../tests/helpers/app";
import { createTestDatabase, type TTestDatabase } from "../../tests/helpers/database";
import { API_KEY, DATA_ENCRYPTION_KEY } from "./options";
import { waitUntil } from "./processes";
import type { TDb } from "./seed";

// A database, the simulator and app instances on them: what every figure runs against, and how it is taken down.

export type TProvider = "sqlite" | "postgres";
/** How the app is served: "wxopen", its own server (server/main.ts, the default), or "next", plain `next start`. */
export type TServer = "wxopen" | "next";

export type TBenchStack = {
  provider: TProvider;
  database: TTestDatabase;
  db: TDb;
  simulator: Simulator;
  /** The instances started with the stack; the first receives the simulator's pushes. */
  apps: TTestApp[];
  env: Record<string, string>;
  /** One more instance on the same database and simulator (the caller stops it). */
  startInstance: (options?: { server?: TServer }) => Promise<TTestApp>;
  stop: () => Promise<void>;
};

/** Node's flags in `npm start` (the heap cap): the bench runs the app as a deployment does. BENCH_NODE_FLAGS adds
 * more, e.g. "--cpu-prof --cpu-prof-dir=.tmp/profiles" to see where a figure's time goes. */
const START_NODE_FLAGS = [
  ...((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.match(/--[\w-]+=\S+/g) ?? []),
  ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
];

/** The bench process seals pushes and encrypts seeded refresh tokens with the app's settings. */
export const adoptAppSettings = () =>
  Object.assign(
    process.env,
    appEnv({ databaseUrl: "file:./.tmp/bench-unused.db", simulatorUrl: "http://127.0.0.1:1", port: 1, env: { DATA_ENCRYPTION_KEY } }),
  );

/**
 * A fresh database, a simulator and `instances` app instances with `settings`, the bench's API key stored and the
 * component token taken (a ticket pushed first).
 */
export const startStack = async (
  provider: TProvider,
  settings: Record<string, string>,
  { instances = 1, simulatorConfig = {} }: { instances?: number; simulatorConfig?: TSimulatorConfig } = {},
): Promise<TBenchStack> => {
  process.env.TEST_DATABASE = provider;
  const database = await createTestDatabase();
  const port = await freePort();
  const simulator = await startSimulator({
    port: 0,
    ...TEST_COMPONENT,
    notifyUrl: `http://127.0.0.1:${port}/api/wechat/notify`,
    messageUrl: `http://127.0.0.1:${port}/api/wechat/messages/$APPID$`,
    ticketIntervalSeconds: 0,
    dailyQuota: 1_000_000_000,
    authDomains: ["127.0.0.1", "localhost"],
    ...simulatorConfig,
  });
  const options = { databaseUrl: database.url, simulatorUrl: simulator.url, env: settings, nodeFlags: START_NODE_FLAGS };
  const startInstance = async ({ server }: { server?: TServer } = {}) => startApp({ ...options, port: await freePort(), server });
  const apps: TTestApp[] = [];
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await simulator.close();
    await database.drop();
  };
  try {
    apps.push(await startApp({ ...options, port }));
    for (let count = 1; count < instances; count += 1) apps.push(await startInstance());
    await database.db.apiKey.create({
      data: {
        id: randomUUID(),
        name: "bench",
        prefix: API_KEY.slice(0, 10),
        hash: createHash("sha256").update(API_KEY).digest("hex"),
        role: "operator",
      },
    });
    if (!(await simulator.pushTicket()).ok) throw new Error("the app did not take the ticket push");
    await waitUntil(async () => Boolean(await database.db.componentToken.findFirst()), 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { provider, database, db: database.db, simulator, apps, env: appEnv({ ...options, port }), startInstance, stop };
};

export const isPostgresReachable = async () => {
  const client = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
};
