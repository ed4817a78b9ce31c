// npm run db:new-migration -- <name>: writes prisma/migrations/{sqlite,postgres}/<timestamp>_<name>/migration.sql
// by diffing the schema of the last migration (prisma/migrations/schema.snapshot.prisma) against prisma/schema.prisma.
// npm run db:new-migration -- <name> --hand-written: writes both files with only a header, for SQL the schema cannot
// say (an FTS5 table, a trigram index, triggers); say in prisma/schema.prisma what such a migration adds.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
const isHandWritten = process.argv.includes("--hand-written");
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name in snake_case> [--hand-written]");
  process.exit(1);
}

const snapshot = "prisma/migrations/schema.snapshot.prisma";
const toPostgres = (schema: string) =>
  schema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./placeholder.db"', 'url      = "postgresql://localhost/placeholder"');
const work = mkdtempSync(path.join(tmpdir(), "wxopen-migration-"));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const current = readFileSync("prisma/schema.prisma", "utf8");
const previous = existsSync(snapshot) ? readFileSync(snapshot, "utf8") : undefined;

if (isHandWritten) {
  for (const provider of ["sqlite", "postgres"] as const) {
    const folder = path.join("prisma", "migrations", provider, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), `-- ${name} (${provider}): hand-written, outside prisma/schema.prisma\n`);
    console.log(`wrote ${folder}/migration.sql: write its SQL by hand`);
  }
  process.exit(0);
}

let wrote = false;
for (const provider of ["sqlite", "postgres"] as const) {
  const convert = provider === "postgres" ? toPostgres : (schema: string) => schema;
  const toFile = path.join(work, `${provider}-to.prisma`);
  writeFileSync(toFile, convert(current));
  const from =
    previous === undefined
      ? ["--from-empty"]
      : (() => {
          const fromFile = path.join(work, `${provider}-from.prisma`);
          writeFileSync(fromFile, convert(previous));
          return ["--from-schema-datamodel", fromFile];
        })();
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", toFile, "--script"], {
    encoding: "utf8",
    env: { ...process.env, PRISMA_SCHEMA: toFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (/^\s*(-- This is an empty migration\.)?\s*$/.test(sql)) continue;
  const folder = path.join("prisma", "migrations", provider, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`wrote ${folder}/migration.sql`);
  wrote = true;
}
if (wrote) copyFileSync("prisma/schema.prisma", snapshot);
else console.log("The schema has not changed since the last migration; nothing written.");
