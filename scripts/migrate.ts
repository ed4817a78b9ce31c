// npm run migrate: applies pending migrations to DATABASE_URL (also done automatically when the app starts).
import { loadEnvConfig } from "@next/env";
import { getEnv } from "../lib/env";
import { migrateDatabase } from "../lib/migrate";

loadEnvConfig(process.cwd());
migrateDatabase(getEnv().DATABASE_URL).then(
  (applied) => console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date"),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
