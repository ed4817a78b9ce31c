import path from "node:path";
import { defineConfig } from "prisma/config";

// engine "js" with a driver adapter: no Rust schema engine is downloaded, so generate and
// migrate diff run offline. PRISMA_SCHEMA selects the derived Postgres schema (scripts/generate-prisma.mjs).
// The CLI only ever needs an adapter for diffing, which SQLite in memory serves for both providers' schemas.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.PRISMA_SCHEMA ?? path.join("prisma", "schema.prisma"),
  async adapter() {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: ":memory:" });
  },
});
