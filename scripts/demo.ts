// npm run demo: wxopen on SQLite beside the WeChat simulator, on this machine, with nothing to configure.
// First run writes .env with generated credentials (kept for later runs). Options:
//   --dev                 next dev instead of a production build
//   --port N              app port (default PORT or 3000); --simulator-port N (default 4100)
//   --database URL        DATABASE_URL override; --fresh deletes that SQLite file first (browser tests use both)
//   --quiet               no banner
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const isDev = process.argv.includes("--dev");
const isQuiet = process.argv.includes("--quiet");

const randomLetters = (length: number) =>
  randomBytes(length * 2)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, length);

// Only when nothing is configured: the browser tests pass their own environment and must not leave a .env behind.
if (!existsSync(".env") && !process.env.WECHAT_COMPONENT_APPID) {
  const password = `demo-${randomLetters(10)}`;
  writeFileSync(
    ".env",
    [
      "# Written by `npm run demo` on first run: credentials for the WeChat simulator, not a real platform.",
      "# To connect a real third-party platform, replace the WECHAT_* values (see .env.example and README).",
      `WECHAT_COMPONENT_APPID=wx${randomBytes(8).toString("hex")}`,
      `WECHAT_COMPONENT_APPSECRET=${randomBytes(16).toString("hex")}`,
      `WECHAT_COMPONENT_TOKEN=${randomLetters(24)}`,
      `WECHAT_COMPONENT_AES_KEY=${randomLetters(43)}`,
      `DATA_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`,
      `NEXTAUTH_SECRET=${randomBytes(32).toString("base64")}`,
      `CRON_SECRET=${randomLetters(32)}`,
      "ADMIN_EMAIL=admin@wxopen.local",
      `ADMIN_PASSWORD=${password}`,
      "",
    ].join("\n"),
  );
  console.log("Wrote .env with generated demo credentials.");
}
loadEnvConfig(process.cwd(), isDev);

const port = Number(argument("--port") ?? process.env.PORT ?? 3000);
const simulatorPort = Number(argument("--simulator-port") ?? process.env.SIMULATOR_PORT ?? 4100);
const appUrl = `http://localhost:${port}`;
// The simulator names itself by 127.0.0.1 (its images, its pages): the same origin here keeps the pages' CSP exact.
const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
const databaseUrl = argument("--database") ?? process.env.DATABASE_URL ?? "file:./data/wxopen.db";

if (process.argv.includes("--fresh") && databaseUrl.startsWith("file:")) {
  const file = path.resolve(databaseUrl.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

const sharedEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  APP_URL: appUrl,
  NEXTAUTH_URL: appUrl,
  PORT: String(port),
  WECHAT_API_BASE: simulatorUrl,
  WECHAT_MP_BASE: simulatorUrl,
  WECHAT_OPEN_BASE: simulatorUrl,
  SIMULATOR_PORT: String(simulatorPort),
  SIMULATOR_NOTIFY_URL: `${appUrl}/api/wechat/notify`,
  SIMULATOR_MESSAGE_URL: `${appUrl}/api/wechat/messages/$APPID$`,
};

/** The newest modification time under the folders a build depends on. */
const newestSource = (folders: string[]) =>
  Math.max(
    ...folders.filter(existsSync).flatMap((folder) =>
      statSync(folder).isFile()
        ? [statSync(folder).mtimeMs]
        : readdirSync(folder, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
    ),
  );

const nextBin = path.resolve("node_modules/next/dist/bin/next");
if (!isDev) {
  const buildId = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const isStale =
    !existsSync(buildId) ||
    statSync(buildId).mtimeMs <
      newestSource([
        "app",
        "components",
        "lib",
        "server",
        "scripts/build-server.mjs",
        "instrumentation.ts",
        "proxy.ts",
        "next.config.mjs",
        "prisma",
      ]);
  if (isStale) {
    console.log("Building wxopen (next build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: sharedEnv });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const bundle = path.join(process.env.NEXT_DIST_DIR || ".next", "wxopen-server.cjs");
  if (isStale || !existsSync(bundle)) {
    const server = spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit", env: sharedEnv });
    if (server.status !== 0) process.exit(server.status ?? 1);
  }
}

const children: ChildProcess[] = [];
const stopAll = (code: number) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
};
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

const start = (name: string, args: string[]) => {
  const child = spawn(process.execPath, args, { stdio: "inherit", env: sharedEnv });
  child.on("exit", (code) => {
    console.error(`${name} exited (${code}); stopping.`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
};

start("simulator", ["--import", "tsx", "simulator/main.ts"]);
// As `npm start` runs it (the bundle `npm run build` makes); in development straight from the TypeScript.
start(
  "wxopen",
  isDev
    ? ["--import", "tsx", "server/main.ts", "--dev", "-p", String(port)]
    : [path.join(process.env.NEXT_DIST_DIR || ".next", "wxopen-server.cjs"), "-p", String(port)],
);

const waitForApp = async () => {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) break;
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // The simulator's first timed push may have gone out before the app listened: push one now, as WeChat would
  // after api_start_push_ticket, so the platform has a component_access_token at once.
  await fetch(`${simulatorUrl}/__sim/push-ticket`, { method: "POST" }).catch(() => undefined);
  const receiverUrl = await startDemoReceiver();
  if (!isQuiet) {
    console.log(
      [
        "",
        "  wxopen is running on SQLite beside the WeChat simulator.",
        `  Dashboard:  ${appUrl}`,
        `  Sign in:    ${process.env.ADMIN_EMAIL ?? "(ADMIN_EMAIL unset)"} / ${process.env.ADMIN_PASSWORD ?? "(ADMIN_PASSWORD unset)"}`,
        `  Simulator:  ${simulatorUrl}/__sim/  (simulated merchants, pushes, calls)`,
        `  Receiver:   ${receiverUrl}  (an internal service: the rule "${DEMO_RULE}" on /forwarding sends it every message, event and authorization)`,
        "  Stop with Ctrl-C.",
        "",
      ].join("\n"),
    );
  }
};
/**
 * An internal service beside the demo, and a forwarding rule to it, so a newcomer sees a delivery as soon as the
 * simulator sends a message or authorizes an account. A restarted demo keeps its rule and learns a new secret.
 */
const DEMO_RULE = "Demo receiver (npm run demo)";
const startDemoReceiver = async () => {
  Object.assign(process.env, sharedEnv);
  const { startReceiver } = await import("../simulator/receiver");
  const { listForwardingRules } = await import("../lib/platform/forwarding/list-forwarding-rules");
  const { createForwardingRule } = await import("../lib/platform/forwarding/create-forwarding-rule");
  const { rotateForwardingSecret } = await import("../lib/platform/forwarding/rotate-forwarding-secret");
  const { updateForwardingRule } = await import("../lib/platform/forwarding/update-forwarding-rule");
  const receiver = await startReceiver({
    onReceive: (item) => {
      if (!isQuiet) console.log(`[receiver] ${item.type} ${item.deliveryId} signature ${item.signatureOk ? "ok" : "WRONG"}`);
    },
  });
  const actor = "npm run demo";
  const existing = (await listForwardingRules()).find((rule) => rule.name === DEMO_RULE);
  const fields = { name: DEMO_RULE, url: receiver.url, types: ["message.*", "event.*", "authorization.*"] };
  const { secret } = existing
    ? (await updateForwardingRule({ id: existing.id, changes: { url: receiver.url }, actor }),
      await rotateForwardingSecret({ id: existing.id, actor }))
    : await createForwardingRule({ input: fields, actor });
  receiver.secrets.push(secret);
  return receiver.url;
};

void waitForApp();
