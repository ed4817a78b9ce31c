import { ConfigError, getEnv } from "../../env";
import { log } from "../../log";
import { migrateDatabase } from "../../migrate";
import { ensureFirstAdmin } from "../users/ensure-first-admin";
import { getTokenSource } from "../upstream/get-token-source";
import { startRefreshWorker } from "../sweep/start-refresh-worker";
import { startDeliveryWorker } from "../deliveries/start-delivery-worker";
import { startReleaseWorker } from "../releases/start-release-worker";

// The start-up's promise, on globalThis: Next.js runs instrumentation without awaiting it before it serves, so the
// JSON API's server (server/main.ts) waits on this before it listens: no request is answered before the migrations.
const globalForStart = globalThis as unknown as { wxopenInstanceStart?: Promise<void>; wxopenDeliveriesOnThread?: boolean };

/** Called by the server before Next.js starts: it runs the delivery worker on a thread of its own (server/delivery-thread.ts). */
export const leaveDeliveriesToThread = () => {
  globalForStart.wxopenDeliveriesOnThread = true;
};

/** Resolves once this process's start-up is done (waits for it to begin, up to `timeoutMs`). */
export const instanceStarted = async (timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!globalForStart.wxopenInstanceStart) {
    if (Date.now() > deadline) throw new Error(`the instance did not start within ${timeoutMs / 1000} s (instrumentation.ts never ran)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await globalForStart.wxopenInstanceStart;
};

/** Start-up of an app instance: fail fast on bad configuration, migrate, then start what runs in the background. */
export const startInstance = () => (globalForStart.wxopenInstanceStart ??= start());

const start = async () => {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wxopen cannot start.\n${error.message}\nSee .env.example for every variable.`);
      process.exit(1);
    }
    throw error;
  }
  // next-auth builds its URLs from NEXTAUTH_URL; the public URL is configured once, as APP_URL.
  if (!process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = env.APP_URL;
  const applied = await migrateDatabase(env.DATABASE_URL);
  if (applied.length) log.info("database.migrated", { applied });
  let firstAdmin;
  try {
    firstAdmin = await ensureFirstAdmin();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wxopen cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (firstAdmin === "exists" && env.ADMIN_PASSWORD) {
    log.warn("auth.admin_password_unused", {
      message: "ADMIN_PASSWORD is set but users exist, so it is not used: remove it from the environment.",
    });
  }
  log.info("instance.started", { instance: env.INSTANCE_ID, database: env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres" });
  if (env.REFRESH_SWEEP_ENABLED && getTokenSource().mode === "local") startRefreshWorker();
  if (env.DELIVERY_WORKER_ENABLED && !globalForStart.wxopenDeliveriesOnThread) startDeliveryWorker();
  if (env.RELEASE_WORKER_ENABLED && getTokenSource().mode === "local") startReleaseWorker();
};
