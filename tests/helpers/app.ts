import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";

// Starts the built app as `npm start` does (the bundle of server/main.ts; run `npm run build` first) as a real process on a free port.

export const TEST_COMPONENT = {
  componentAppid: "wx7e57c0a1b2c3d4e5",
  componentAppsecret: "test-component-secret-0123456789",
  token: "wxopentesttoken",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export type TTestApp = { url: string; port: number; output: () => string; stop: () => Promise<void>; kill: () => void };

export type StartAppOptions = {
  databaseUrl: string;
  simulatorUrl: string;
  port?: number;
  env?: Record<string, string>;
  /** Node's own flags for the server (the bench passes `npm start`'s heap cap). */
  nodeFlags?: string[];
  /** "wxopen" (default): server/main.ts, the JSON API on Fastify in front of Next.js; "next": plain `next start`,
   * without the JSON API (the bench's before column for pages and the WeChat URLs). */
  server?: "wxopen" | "next";
};

/** The command line of the app server, as `npm start` runs it. */
export const serverArgs = (server: "wxopen" | "next", port: number) =>
  server === "next"
    ? [path.resolve("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"]
    : [path.resolve(process.env.NEXT_DIST_DIR || ".next", "wxopen-server.cjs"), "-p", String(port), "-H", "127.0.0.1"];

export const appEnv = ({ databaseUrl, simulatorUrl, port, env = {} }: StartAppOptions & { port: number }): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  APP_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  PORT: String(port),
  WECHAT_COMPONENT_APPID: TEST_COMPONENT.componentAppid,
  WECHAT_COMPONENT_APPSECRET: TEST_COMPONENT.componentAppsecret,
  WECHAT_COMPONENT_TOKEN: TEST_COMPONENT.token,
  WECHAT_COMPONENT_AES_KEY: TEST_COMPONENT.encodingAesKey,
  WECHAT_API_BASE: simulatorUrl,
  WECHAT_MP_BASE: simulatorUrl,
  WECHAT_OPEN_BASE: simulatorUrl,
  WECHAT_TIMEOUT_MS: "5000",
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: "admin-password-123",
  CRON_SECRET: "test-cron-secret-0123456789",
  REFRESH_SWEEP_ENABLED: "false",
  LOG_LEVEL: "warn",
  ...env,
});

export const startApp = async (options: StartAppOptions): Promise<TTestApp> => {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? []), ...serverArgs(options.server ?? "wxopen", port)], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      ...appEnv({ ...options, port }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      // Plain `next start` has no /api/health (the JSON API is wxopen's server): its sign-in page says it is up.
      const response = await fetch(`${url}${options.server === "next" ? "/login" : "/api/health"}`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app did not become healthy within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  return {
    url,
    port,
    output: () => output,
    kill: () => child.kill("SIGKILL"),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
};

/** Polls until check() answers a value that is not undefined, or fails after timeoutMs with the message. */
export const eventually = async <T>(
  check: () => Promise<T | undefined> | T | undefined,
  message: string,
  timeoutMs = 10_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
