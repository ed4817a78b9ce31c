// npm run worker: the refresh sweep alone, without the web app (set REFRESH_SWEEP_ENABLED=false on the app
// instances then). Loads .env like the app; runs every REFRESH_SWEEP_INTERVAL_SECONDS until SIGINT/SIGTERM.
import { loadEnvConfig } from "@next/env";

// Like `next start`: production unless told otherwise, so the production checks (DATA_ENCRYPTION_KEY,
// NEXTAUTH_SECRET) apply here too and a worker never encrypts tokens with the development key.
(process.env as Record<string, string>).NODE_ENV ??= "production";
loadEnvConfig(process.cwd());

const main = async () => {
  // Imported after loadEnvConfig: lib/env reads process.env once.
  const { ConfigError, getEnv } = await import("../lib/env");
  const { log } = await import("../lib/log");
  const { migrateDatabase } = await import("../lib/migrate");
  const { getTokenSource } = await import("../lib/platform/upstream/get-token-source");
  const { startRefreshWorker } = await import("../lib/platform/sweep/start-refresh-worker");
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wxopen worker cannot start.\n${error.message}\nSee .env.example for every variable.`);
      process.exit(1);
    }
    throw error;
  }
  const source = getTokenSource();
  if (source.mode === "upstream") {
    console.error(
      `This instance reads tokens from ${source.url} (TOKEN_UPSTREAM_URL); the worker there refreshes them. Nothing to do here.`,
    );
    process.exit(1);
  }
  await migrateDatabase(env.DATABASE_URL);
  const worker = startRefreshWorker();
  const stop = async (signal: string) => {
    log.info("sweep.worker_stopping", { signal });
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
