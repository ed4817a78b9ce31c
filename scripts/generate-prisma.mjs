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
// The generated clients look for a schema file and .env files under process.cwd(): with driver adapters and the
// "client" engine nothing is read from there, but Turbopack's tracer sees dynamic filesystem access, warns with a
// page of code frames and traces the whole project into the build. Its documented opt-out is a comment on the call.
const IGNORE = "/*turbopackIgnore: true*/ ";
const untraced = [
  ["index.js", /path\.join\(process\.cwd\(\), alternativePath\)/g, `path.join(${IGNORE}process.cwd(), alternativePath)`],
  ["runtime/client.js", /(process\.cwd\(\),"\.env\.vault"\);return [\w$]+\.existsSync\()/g, `$1${IGNORE}`],
];
for (const client of ["lib/generated/sqlite", "lib/generated/postgres"]) {
  for (const [file, pattern, replacement] of untraced) {
    const target = `${client}/${file}`;
    const code = readFileSync(target, "utf8");
    const patched = code.replace(pattern, replacement);
    if (patched === code)
      console.warn(`generate-prisma: ${target} no longer has the call to mark for Turbopack (build warnings may return)`);
    else writeFileSync(target, patched);
  }
}
console.log("Prisma clients generated for SQLite and Postgres");
