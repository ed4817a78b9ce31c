// npm test: type check, lint, format check, build, then unit, integration (SQLite) and browser tests.
// npm run test:postgres: build, then the integration suite on Postgres (TEST_POSTGRES_URL).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const isPostgres = process.argv.includes("--postgres");

const run = (title: string, command: string, args: string[], env: Record<string, string> = {}) => {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};

const findTests = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts"))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .filter((file) => !file.includes("node_modules"))
        .sort()
    : [];

const ensureChromium = () => {
  if (existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0) {
    console.error("Browser tests need Debian's Chromium: run `sudo apt-get install -y chromium` and try again.");
    process.exit(1);
  }
  run("installing Debian's Chromium for the browser tests", "sh", [
    "-c",
    "apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk",
  ]);
};

const node = process.execPath;
const testArgs = (files: string[]) => ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files];

run("type check", node, [path.resolve("node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."]);
if (!isPostgres) {
  run("lint", node, [path.resolve("node_modules/eslint/bin/eslint.js"), "--max-warnings", "0", "."]);
  run("format check", node, [path.resolve("node_modules/prettier/bin/prettier.cjs"), "--check", "."]);
}
run("build", node, [path.resolve("node_modules/next/dist/bin/next"), "build"]);
run("server bundle", node, [path.resolve("scripts/build-server.mjs")]);

if (isPostgres) {
  run("integration tests on Postgres", node, testArgs([...findTests("tests/api"), ...findTests("tests/integration")]), {
    TEST_DATABASE: "postgres",
  });
} else {
  run("unit tests", node, testArgs([...findTests("lib"), ...findTests("simulator"), ...findTests("tests/architecture")]));
  run("integration tests on SQLite", node, testArgs([...findTests("tests/api"), ...findTests("tests/integration")]), {
    TEST_DATABASE: "sqlite",
  });
  ensureChromium();
  run("browser tests", node, [path.resolve("node_modules/@playwright/test/cli.js"), "test"]);
}
console.log("\n✔ all test suites passed");
