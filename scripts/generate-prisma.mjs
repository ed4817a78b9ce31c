// Derives the Postgres schema from the one model source (prisma/schema.prisma, SQLite) and generates
// both Prisma clients: lib/generated/sqlite and lib/generated/postgres. lib/db.ts picks one at run time.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = readFileSync("prisma/schema.prisma", "utf8");
const derived = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output          = "../lib/generated/sqlite"', 'output          = "../../lib/generated/postgres"')
  .replace('url      = "file:./placeholder.db"', 'url      = "postgresql://localhost/placeholder"');
if (derived === source || !derived.includes("lib/generated/postgres")) {
  throw new Error("prisma/schema.prisma no longer matches what scripts/generate-prisma.mjs rewrites");
}
mkdirSync("prisma/postgres", { recursive: true });
writeFileSync(
  "prisma/postgres/schema.prisma",
  `// GENERATED from prisma/schema.prisma by scripts/generate-prisma.mjs. Do not edit.\n${derived}`,
);

for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync("npx", ["prisma", "generate", "--no-hints"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA: schema },
  });
}
console.log("Prisma clients generated for SQLite and Postgres");
