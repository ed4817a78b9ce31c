import { startSimulator, type Simulator, type TSimulatorConfig } from "../../simulator";
import { randomBytes } from "node:crypto";
import { appEnv, eventually, freePort, startApp, TEST_COMPONENT, type TTestApp } from "./app";
import { createTestDatabase, type TTestDatabase } from "./database";

// A whole test stack: a fresh database, the WeChat simulator in this process, and N app processes on that
// database. The simulator pushes to the first app.

export type TStack = {
  database: TTestDatabase;
  simulator: Simulator;
  apps: TTestApp[];
  app: TTestApp;
  /** The environment the apps run with (one DATA_ENCRYPTION_KEY for the whole stack). */
  env: Record<string, string>;
  /** Points this test process's lib/ at the stack (same database, key and simulator), to call use-cases in-process. */
  shareEnvironment: (extra?: Record<string, string>) => void;
  /** Pushes a ticket and waits until the app holds a component_access_token. */
  ready: () => Promise<void>;
  stop: () => Promise<void>;
};

export type StartStackOptions = { apps?: number; env?: Record<string, string>; simulator?: Partial<TSimulatorConfig> };

export const startStack = async ({
  apps: count = 1,
  env: extraEnv = {},
  simulator: simulatorConfig = {},
}: StartStackOptions = {}): Promise<TStack> => {
  const env = { DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"), ...extraEnv };
  const database = await createTestDatabase();
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const simulator = await startSimulator({
    port: 0,
    ...TEST_COMPONENT,
    notifyUrl: `http://127.0.0.1:${ports[0]}/api/wechat/notify`,
    messageUrl: `http://127.0.0.1:${ports[0]}/api/wechat/messages/$APPID$`,
    ticketIntervalSeconds: 0,
    authDomains: ["127.0.0.1", "localhost"],
    ...simulatorConfig,
  });
  const apps: TTestApp[] = [];
  try {
    for (const port of ports) apps.push(await startApp({ databaseUrl: database.url, simulatorUrl: simulator.url, port, env }));
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop()));
    await simulator.close();
    await database.drop();
    throw error;
  }
  const stackEnv = appEnv({ databaseUrl: database.url, simulatorUrl: simulator.url, port: ports[0], env });
  let isShared = false;
  return {
    database,
    simulator,
    apps,
    app: apps[0],
    env: stackEnv,
    shareEnvironment: (extra = {}) => {
      Object.assign(process.env, stackEnv, extra);
      isShared = true;
    },
    ready: async () => {
      const delivery = await simulator.pushTicket();
      if (!delivery.ok) throw new Error(`the ticket push was not answered success: ${JSON.stringify(delivery)}`);
      await eventually(async () => (await database.db.componentToken.findFirst()) ?? undefined, "component token stored");
    },
    stop: async () => {
      if (isShared) await (await import("../../lib/db")).getDb().$disconnect();
      await Promise.all(apps.map((app) => app.stop()));
      await simulator.close();
      await database.drop();
    },
  };
};
