import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { appEnv, freePort, serverArgs } from "../helpers/app";

/** Runs a Node program that must exit by itself (30 s at most); resolves with its exit code and output. */
const runToExit = async (args: string[], env: Record<string, string>) => {
  const child = spawn(process.execPath, args, { env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
};

/** Starts the server as `npm start` does, with env, and resolves with its exit code and output (it must exit by itself). */
const startExpectingExit = async (env: Record<string, string>) =>
  runToExit(serverArgs("wxopen", await freePort()), {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    ...env,
  });

describe("[FOUNDATION] configuration is checked at start", () => {
  const base = appEnv({ databaseUrl: "file:./.tmp/test-db/never-created.db", simulatorUrl: "http://127.0.0.1:9", port: 1 });

  it("stops with a message naming a malformed variable", async () => {
    const { code, output } = await startExpectingExit({ ...base, WECHAT_COMPONENT_AES_KEY: "too-short" });
    assert.equal(code, 1);
    assert.match(output, /WECHAT_COMPONENT_AES_KEY must be 43 characters/);
  });

  it("stops with a message naming a missing variable", async () => {
    // Empty, not absent: Next.js would fill an absent variable from a developer's .env.
    const { code, output } = await startExpectingExit({ ...base, WECHAT_COMPONENT_APPSECRET: "" });
    assert.equal(code, 1);
    assert.match(output, /WECHAT_COMPONENT_APPSECRET is required/);
    assert.doesNotMatch(output, /at .*\.js:\d+/, "no stack trace");
  });
});

describe("[TOKEN-SERVICE][CRON] without CRON_SECRET", () => {
  it("answers 503 with what to set, and runs no sweep", async () => {
    const { startStack } = await import("../helpers/stack");
    const stack = await startStack({ env: { CRON_SECRET: "" } });
    try {
      const response = await fetch(`${stack.app.url}/api/cron/refresh`, {
        method: "POST",
        headers: { authorization: "Bearer anything-at-all-here" },
      });
      assert.equal(response.status, 503);
      const body = (await response.json()) as { error: { message: string } };
      assert.match(body.error.message, /CRON_SECRET/);
      assert.equal(await stack.database.db.sweepRun.count(), 0);
    } finally {
      await stack.stop();
    }
  });
});

describe("[FOUNDATION] npm run worker and cli apply the production checks", () => {
  const base = appEnv({ databaseUrl: "file:./.tmp/test-db/never-created.db", simulatorUrl: "http://127.0.0.1:9", port: 1 });

  for (const script of ["scripts/worker.ts", "scripts/cli.ts"]) {
    it(`${script} without DATA_ENCRYPTION_KEY stops instead of using the development key`, async () => {
      // No NODE_ENV: production is the default; an empty key overrides a developer's .env.
      const { code, output } = await runToExit(["--import", "tsx", script, ...(script.endsWith("cli.ts") ? ["api-keys", "list"] : [])], {
        PATH: process.env.PATH ?? "",
        ...base,
        DATA_ENCRYPTION_KEY: "",
      });
      assert.equal(code, 1, output);
      assert.match(output, /DATA_ENCRYPTION_KEY is required in production/);
    });
  }
});
