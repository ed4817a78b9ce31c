// npm run bench: the token service against the WeChat simulator on this machine, each figure beside a baseline
// measured in the same run (issue 5, section 4). Needs a build (`npm run build`, or NEXT_DIST_DIR=<dir>).
//   --provider sqlite|postgres|both   (default both; Postgres is skipped when it cannot be reached)
//   --seconds N        measuring time per load figure (default 5)
//   --sweep N          authorizers refreshed by the sweep figure (default 10000)
//   --concurrency N    REFRESH_CONCURRENCY for the sweep (default 8)
//   --list N           authorizers in the database for the list figures (default 100000)
//   --only a,b         only some figures: token, pushes, messages, forwarding, proxy, sweep, sweep-instances, list
//                      (the default), and rate (Postgres only, not in the default: 30 minutes per configuration)
//   --rate-accounts N  accounts the rate test keeps fresh with 600-s tokens (default 100000)
//   --rate-minutes N   how long each rate configuration runs (default 30)
//   --rate-latency a,b simulator latencies in ms, one configuration each (default 100,300)
//   --rate-instances a,b  app instance counts, one configuration each (default 1,3)
//   --rate-reads N     token API reads per second during the rate test (default 20; 0: none)
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { startSimulator, type Simulator, type TSimulatorConfig } from "../simulator";
import { appEnv, freePort, startApp, TEST_COMPONENT, type TTestApp } from "../tests/helpers/app";
import { createTestDatabase, type TTestDatabase } from "../tests/helpers/database";
import { percentile, runLoad, type TLoadResult } from "./load";
import { findChildProcess, processTreeRssMb } from "./process-memory";

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
const SECONDS = Number(argument("--seconds", "5"));
const SWEEP_COUNT = Number(argument("--sweep", "10000"));
const SWEEP_CONCURRENCY = Number(argument("--concurrency", "8"));
const LIST_COUNT = Number(argument("--list", "100000"));
const PROVIDER = argument("--provider", "both");
const STACK_SECTIONS = ["token", "pushes", "messages", "forwarding", "proxy", "sweep", "sweep-instances", "list"];
const ONLY = new Set(argument("--only", STACK_SECTIONS.join(",")).split(","));
const numbers = (list: string) => list.split(",").map(Number);
const RATE_ACCOUNTS = Number(argument("--rate-accounts", "100000"));
const RATE_MINUTES = Number(argument("--rate-minutes", "30"));
const RATE_LATENCIES_MS = numbers(argument("--rate-latency", "100,300"));
const RATE_INSTANCES = numbers(argument("--rate-instances", "1,3"));
const RATE_READS_PER_SECOND = Number(argument("--rate-reads", "20"));
const SIMULATOR_LATENCY_MS = 100;
const TOKEN_ACCOUNTS = 100;
const MAX_REQUESTS = 500_000;

const DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const API_KEY = `wxo_${randomBytes(32).toString("base64url")}`;

type TRow = { provider: string; measure: string; wxopen: string; baseline: string; ratio: string; target: string; isMet?: boolean };
const rows: TRow[] = [];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

// ── processes ─────────────────────────────────────────────────────────────────────────────────────────────
const startChild = async (script: string, port: number, env: Record<string, string>, stdin?: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ["--import", "tsx", script, String(port)], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  child.stdin?.end(stdin ?? "");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s:\n${output}`)), 30_000);
    child.stdout?.on("data", (chunk) => {
      if (String(chunk).includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  return child;
};

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** One POST with a long timeout (the sweep answers when it is done). */
const postLong = (url: string, headers: Record<string, string>, timeoutMs: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    // A connection of its own: a reused one may be closed by the server while it idled (keep-alive).
    const request = http.request(url, { method: "POST", headers, timeout: timeoutMs, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end();
  });

// ── seeding ───────────────────────────────────────────────────────────────────────────────────────────────
type TDb = TTestDatabase["db"];

const seedAuthorizers = async (
  db: TDb,
  items: Array<{
    appid: string;
    refreshToken?: string;
    nickName: string;
    principalName: string;
    kind: string;
    expiresAt: Date | null;
  }>,
) => {
  const { encryptSecret } = await import("../lib/secrets");
  for (let offset = 0; offset < items.length; offset += 1000) {
    const batch = items.slice(offset, offset + 1000);
    await db.authorizer.createMany({
      data: batch.map((item) => ({
        appid: item.appid,
        kind: item.kind,
        status: "authorized",
        nickName: item.nickName,
        principalName: item.principalName,
        userName: `gh_${item.appid.slice(2, 14)}`,
        refreshToken: item.refreshToken ? encryptSecret(item.refreshToken) : encryptSecret(`bench-refresh-${item.appid}`),
        accessTokenExpiresAt: item.expiresAt,
        authorizedAt: new Date(),
      })),
    });
    await db.authorizerScope.createMany({
      data: batch.flatMap((item) => (item.kind === "mini_program" ? [17, 18] : [1, 2]).map((scopeId) => ({ appid: item.appid, scopeId }))),
    });
  }
};

const WORDS = ["咖啡", "Coffee", "Bakery", "书店", "Books", "Fitness", "健身", "Tea", "茶馆", "Garden", "花店", "Studio"];

// ── the figures ───────────────────────────────────────────────────────────────────────────────────────────
const loadRow = (
  provider: string,
  measure: string,
  ours: TLoadResult,
  floor: TLoadResult,
  bare: TLoadResult,
  target: string,
  isMet: boolean,
): TRow => ({
  provider,
  measure,
  wxopen: `${thousands(ours.perSecond)} req/s; p50 ${fixed(ours.p50Ms)} ms, p99 ${fixed(ours.p99Ms)} ms${ours.errors ? `; ${ours.errors} errors` : ""}`,
  baseline: `floor ${thousands(floor.perSecond)} req/s (p99 ${fixed(floor.p99Ms)}); bare node:http ${thousands(bare.perSecond)} req/s (p99 ${fixed(bare.p99Ms)})`,
  ratio: `${fixed(ours.perSecond / floor.perSecond, 2)}x floor, ${fixed(ours.perSecond / bare.perSecond, 2)}x bare`,
  target,
  isMet,
});

const benchTokenApi = async (provider: string, app: TTestApp, simulator: Simulator, db: TDb) => {
  const accounts = (await seedSimulatorAccounts(simulator, db, TOKEN_ACCOUNTS, () => null)).map((appid) => ({ appid }));
  const tokens = [];
  for (const account of accounts) {
    const response = await fetch(`${app.url}/api/v1/authorizers/${account.appid}/access-token`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    if (response.status !== 200) throw new Error(`priming ${account.appid} answered ${response.status}: ${await response.text()}`);
    tokens.push(await response.json());
  }
  const barePort = await freePort();
  const bare = await startChild("bench/bare-token-server.ts", barePort, {}, JSON.stringify(tokens));
  try {
    const tokenRequest = (index: number) => ({
      path: `/api/v1/authorizers/${accounts[index % accounts.length].appid}/access-token`,
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    for (const concurrency of [16, 64]) {
      const options = { concurrency, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS };
      log(`token API at ${concurrency} clients (${provider})`);
      const floor = await runLoad({ ...options, baseUrl: app.url, request: () => ({ path: "/api/v1/ping" }) });
      const ours = await runLoad({ ...options, baseUrl: app.url, request: tokenRequest });
      const bareResult = await runLoad({ ...options, baseUrl: `http://127.0.0.1:${barePort}`, request: tokenRequest });
      if (ours.errors) log(`token API errors: ${ours.firstError}`);
      const isThroughputMet = ours.perSecond >= 0.8 * floor.perSecond && ours.errors === 0;
      const isLatencyMet = concurrency !== 16 || ours.p99Ms < 20;
      rows.push(
        loadRow(
          provider,
          `token API, ${concurrency} clients`,
          ours,
          floor,
          bareResult,
          concurrency === 16 ? ">= 0.8x floor; p99 < 20 ms" : ">= 0.8x floor",
          isThroughputMet && isLatencyMet,
        ),
      );
    }
  } finally {
    await stopChild(bare);
  }
};

/**
 * The WeChat API proxy: cgi-bin/menu/get for 100 accounts through wxopen, beside the same call made straight to the
 * simulator with the token, and the token API, in the same run (16 clients each).
 */
const benchProxy = async (provider: string, app: TTestApp, simulator: Simulator, db: TDb) => {
  const accounts = (await seedSimulatorAccounts(simulator, db, TOKEN_ACCOUNTS, () => null, "official_account")).map((appid) => ({ appid }));
  const headers = { authorization: `Bearer ${API_KEY}` };
  const tokens: string[] = [];
  for (const account of accounts) {
    const response = await fetch(`${app.url}/api/v1/authorizers/${account.appid}/access-token`, { headers });
    if (response.status !== 200) throw new Error(`priming ${account.appid} answered ${response.status}: ${await response.text()}`);
    tokens.push(((await response.json()) as { accessToken: string }).accessToken);
  }
  const sample = await fetch(`${app.url}/api/v1/authorizers/${accounts[0].appid}/wechat/cgi-bin/menu/get`, { headers });
  const sampleText = await sample.text();
  if (!sampleText.includes('"menu"')) throw new Error(`the proxy answered ${sample.status}: ${sampleText.slice(0, 200)}`);
  const tokenRequest = (index: number) => ({
    path: `/api/v1/authorizers/${accounts[index % accounts.length].appid}/access-token`,
    headers,
  });
  const directRequest = (index: number) => ({ path: `/cgi-bin/menu/get?access_token=${tokens[index % tokens.length]}` });
  const proxiedRequest = (index: number) => ({
    path: `/api/v1/authorizers/${accounts[index % accounts.length].appid}/wechat/cgi-bin/menu/get`,
    headers,
  });
  // One client: the time the proxy adds to a call. Sixteen: its rate beside the token API's.
  const measure = async (concurrency: number) => {
    const options = { concurrency, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS };
    log(`proxy (${provider}): token API, direct WeChat call, proxied call at ${concurrency} client(s)`);
    const tokenApi = await runLoad({ ...options, baseUrl: app.url, request: tokenRequest });
    const direct = await runLoad({ ...options, baseUrl: simulator.url, request: directRequest });
    const proxied = await runLoad({ ...options, baseUrl: app.url, request: proxiedRequest });
    if (proxied.errors) log(`proxy errors: ${proxied.firstError}`);
    return { tokenApi, direct, proxied };
  };
  for (const concurrency of [1, 16]) {
    const { tokenApi, direct, proxied } = await measure(concurrency);
    const addedMs = proxied.p50Ms - direct.p50Ms;
    const isLatency = concurrency === 1;
    rows.push({
      provider,
      measure: `WeChat API proxy (cgi-bin/menu/get, 100 accounts), ${concurrency} client(s)`,
      wxopen: `${thousands(proxied.perSecond)} req/s; p50 ${fixed(proxied.p50Ms)} ms, p99 ${fixed(proxied.p99Ms)} ms${proxied.errors ? `; ${proxied.errors} errors` : ""}`,
      baseline: `direct to the simulator ${thousands(direct.perSecond)} req/s (p50 ${fixed(direct.p50Ms)} ms); token API ${thousands(tokenApi.perSecond)} req/s (p50 ${fixed(tokenApi.p50Ms)} ms)`,
      ratio: `+${fixed(addedMs)} ms p50; ${fixed(proxied.perSecond / tokenApi.perSecond, 2)}x token API`,
      target: isLatency ? "<= +5 ms p50 over the direct call" : ">= 0.7x token API",
      isMet: proxied.errors === 0 && (isLatency ? addedMs <= 5 : proxied.perSecond >= 0.7 * tokenApi.perSecond),
    });
  }
};

/** A ticket push to the notify URL, sealed once and used once (the comparison for the message URL). */
const ticketPushRequest = async (index: number) => {
  const { sealComponentPush } = await import("../lib/wechat/push");
  const sealed = sealComponentPush(
    {
      AppId: TEST_COMPONENT.componentAppid,
      CreateTime: Math.floor(Date.now() / 1000),
      InfoType: "component_verify_ticket",
      ComponentVerifyTicket: `ticket@@@bench-${index}-${randomBytes(8).toString("hex")}`,
    },
    TEST_COMPONENT,
  );
  return {
    path: `/api/wechat/notify?${new URLSearchParams(sealed.query as Record<string, string>)}`,
    method: "POST" as const,
    headers: { "content-type": "text/xml" },
    body: sealed.body,
  };
};

/** A user's text to an ordinary account, as WeChat posts it to the message URL (a new MsgId each). */
const userMessageRequest = async (index: number, appid: string) => {
  const { sealAuthorizerMessage } = await import("../lib/wechat/message");
  const sealed = sealAuthorizerMessage(
    {
      ToUserName: "gh_000000000bench",
      FromUserName: `obench${String(index % 1000).padStart(22, "0")}`,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: "text",
      Content: `bench message ${index}`,
      MsgId: `7${String(index).padStart(16, "0")}${randomBytes(2).readUInt16BE()}`,
    },
    TEST_COMPONENT,
  );
  return {
    path: `/api/wechat/messages/${appid}?${new URLSearchParams(sealed.query)}`,
    method: "POST" as const,
    headers: { "content-type": "text/xml" },
    body: sealed.body,
  };
};

const benchPushes = async (provider: string, app: TTestApp, env: Record<string, string>) => {
  const sealed = await Promise.all(Array.from({ length: 20_000 }, (_, index) => ticketPushRequest(index)));
  // Each push is used once: the app gets the first half (warm-up included), the bare handler the second.
  const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: sealed.length / 4, warmupMs: 500 };
  log(`ticket pushes (${provider})`);
  const ours = await runLoad({ ...options, baseUrl: app.url, request: (index) => sealed[index] });
  const barePort = await freePort();
  const bare = await startChild("bench/bare-notify-server.ts", barePort, env);
  let bareResult: TLoadResult;
  try {
    bareResult = await runLoad({
      ...options,
      baseUrl: `http://127.0.0.1:${barePort}`,
      request: (index) => sealed[sealed.length / 2 + index],
    });
  } finally {
    await stopChild(bare);
  }
  if (ours.errors) log(`push errors: ${ours.firstError}`);
  rows.push({
    provider,
    measure: "ticket pushes through /api/wechat/notify, 16 senders",
    wxopen: `${thousands(ours.perSecond)} pushes/s; p50 ${fixed(ours.p50Ms)} ms, p99 ${fixed(ours.p99Ms)} ms${ours.errors ? `; ${ours.errors} errors` : ""}`,
    baseline: `bare node:http, same decrypt + writes: ${thousands(bareResult.perSecond)} pushes/s (p99 ${fixed(bareResult.p99Ms)})`,
    ratio: `${fixed(ours.perSecond / bareResult.perSecond, 2)}x bare`,
    target: "(reported)",
    isMet: ours.errors === 0 && bareResult.errors === 0,
  });
};

/**
 * The message URL beside the notify URL in the same run (16 senders each, every request used once), then a burst
 * of 500 messages sent at once. Targets: >= 0.9x notify's rate; p99 < 1 s in the burst.
 */
const benchMessages = async (provider: string, app: TTestApp) => {
  const count = 20_000;
  const pushes = await Promise.all(Array.from({ length: count }, (_, index) => ticketPushRequest(index)));
  const messages = await Promise.all(Array.from({ length: count }, (_, index) => userMessageRequest(index, "wx00000000000bench")));
  const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: count / 2, warmupMs: 500 };
  log(`message URL beside the notify URL (${provider})`);
  const notify = await runLoad({ ...options, baseUrl: app.url, request: (index) => pushes[index] });
  const ours = await runLoad({ ...options, baseUrl: app.url, request: (index) => messages[index] });
  if (ours.errors) log(`message errors: ${ours.firstError}`);
  const ratio = ours.perSecond / notify.perSecond;
  rows.push({
    provider,
    measure: "user messages through /api/wechat/messages/:appid, 16 senders",
    wxopen: `${thousands(ours.perSecond)} messages/s; p50 ${fixed(ours.p50Ms)} ms, p99 ${fixed(ours.p99Ms)} ms${ours.errors ? `; ${ours.errors} errors` : ""}`,
    baseline: `ticket pushes through /api/wechat/notify: ${thousands(notify.perSecond)}/s (p99 ${fixed(notify.p99Ms)})`,
    ratio: `${fixed(ratio, 2)}x notify`,
    target: ">= 0.9x notify",
    isMet: ours.errors === 0 && ratio >= 0.9,
  });
  const burst = await Promise.all(Array.from({ length: 500 }, (_, index) => userMessageRequest(count + index, "wx00000000000burst")));
  const burstOptions = { baseUrl: app.url, concurrency: 500, durationMs: 60_000, maxRequests: 500, warmupMs: 0 };
  log(`a burst of 500 requests to the constant route, then 500 messages (${provider})`);
  const floor = await runLoad({ ...burstOptions, request: () => ({ path: "/api/v1/ping" }) });
  const result = await runLoad({ ...burstOptions, request: (index) => burst[index] });
  if (result.errors) log(`burst errors: ${result.firstError}`);
  rows.push({
    provider,
    measure: "a burst of 500 messages sent at once",
    wxopen: `p50 ${fixed(result.p50Ms)} ms, p99 ${fixed(result.p99Ms)} ms, all answered in ${fixed(result.seconds, 2)} s${result.errors ? `; ${result.errors} errors` : ""}`,
    baseline: `500 at once to the constant route /api/v1/ping: p99 ${fixed(floor.p99Ms)} ms, all in ${fixed(floor.seconds, 2)} s`,
    ratio: `${fixed(result.p99Ms / floor.p99Ms, 2)}x floor`,
    target: "p99 < 1,000 ms",
    isMet: result.errors === 0 && result.requests === 500 && result.p99Ms < 1000,
  });
};

/** Rules to a local receiver, written straight to the database (the bench shares the app's encryption key). */
const createBenchRules = async (db: TDb, url: string, count: number) => {
  const { encryptSecret } = await import("../lib/secrets");
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.forwardingRule.createMany({
    data: ids.map((id, index) => ({
      id,
      name: `bench ${index + 1}`,
      url,
      types: JSON.stringify(["message.*"]),
      secret: encryptSecret("whsec_bench"),
      secretHint: "whsec_benc…",
    })),
  });
  return ids;
};

const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/**
 * Forwarding: messages through the URL (16 senders, 100 accounts) with 1 rule and with 10 rules to a local
 * receiver, deliveries/s from the first message to the last delivery, beside the message URL's rate alone in the
 * same run; then a 10,000-delivery backlog (receiver down) drained once it is back.
 */
const benchForwarding = async (provider: string, app: TTestApp, db: TDb) => {
  const { startReceiver } = await import("../simulator/receiver");
  const receiver = await startReceiver();
  const appids = Array.from({ length: 100 }, (_, index) => `wx${String(index).padStart(16, "0")}`);
  let offset = 100_000;
  const sendMessages = async (count: number) => {
    const requests = await Promise.all(
      Array.from({ length: count }, (_, index) => userMessageRequest(offset + index, appids[index % 100])),
    );
    offset += count;
    return runLoad({
      baseUrl: app.url,
      concurrency: 16,
      durationMs: 120_000,
      maxRequests: count,
      warmupMs: 0,
      request: (index) => requests[index],
    });
  };
  try {
    log(`forwarding (${provider}): the message URL alone`);
    const alone = await sendMessages(500);
    for (const ruleCount of [1, 10]) {
      const ruleIds = await createBenchRules(db, receiver.url, ruleCount);
      // Each instance reads the enabled rules at most every 2 s.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      log(`forwarding (${provider}): ${ruleCount} rule(s)`);
      const startedAt = performance.now();
      const sent = await sendMessages(500);
      const expected = 500 * ruleCount;
      const isDone = await waitUntil(
        async () => (await db.delivery.count({ where: { ruleId: { in: ruleIds }, status: "succeeded" } })) >= expected,
        300_000,
      );
      const seconds = (performance.now() - startedAt) / 1000;
      rows.push({
        provider,
        measure: `forwarding to a local receiver, ${ruleCount} rule(s), 500 messages from 16 senders`,
        wxopen: `${thousands(expected / seconds)} deliveries/s (all ${thousands(expected)} in ${fixed(seconds)} s); messages ${thousands(sent.perSecond)}/s`,
        baseline: `the message URL without rules: ${thousands(alone.perSecond)} messages/s`,
        ratio: `${fixed(sent.perSecond / alone.perSecond, 2)}x message rate`,
        target: "(reported)",
        isMet: isDone && sent.errors === 0,
      });
      await db.forwardingRule.updateMany({ where: { id: { in: ruleIds } }, data: { isEnabled: false } });
    }
    // A receiver that never answers: it fills its own rule's slots; the message URL and the healthy rule go on.
    const hung = await startReceiver();
    hung.mode = { kind: "hang" };
    try {
      const [healthyRule] = await createBenchRules(db, receiver.url, 1);
      const [hungRule] = await createBenchRules(db, hung.url, 1);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      log(`forwarding (${provider}): 1 healthy rule beside 1 rule whose receiver never answers`);
      const startedAt = performance.now();
      const sent = await sendMessages(500);
      const isDone = await waitUntil(
        async () => (await db.delivery.count({ where: { ruleId: healthyRule, status: "succeeded" } })) >= 500,
        300_000,
      );
      const seconds = (performance.now() - startedAt) / 1000;
      rows.push({
        provider,
        measure: "1 healthy rule beside 1 whose receiver never answers, 500 messages",
        wxopen: `healthy rule ${thousands(500 / seconds)} deliveries/s (all 500 in ${fixed(seconds)} s); messages ${thousands(sent.perSecond)}/s`,
        baseline: `the message URL without rules: ${thousands(alone.perSecond)} messages/s`,
        ratio: `${fixed(sent.perSecond / alone.perSecond, 2)}x message rate`,
        target: "(reported)",
        isMet: isDone && sent.errors === 0,
      });
      await db.forwardingRule.updateMany({ where: { id: { in: [healthyRule, hungRule] } }, data: { isEnabled: false } });
    } finally {
      await hung.stop();
    }
    const [backlogRule] = await createBenchRules(db, receiver.url, 1);
    log(`forwarding (${provider}): a 10,000-delivery backlog`);
    const { encryptSecret } = await import("../lib/secrets");
    const body = encryptSecret(JSON.stringify({ id: "backlog", type: "message.text", data: { bench: true } }));
    const giveUpAt = new Date(Date.now() + 86_400_000);
    for (let start = 0; start < 10_000; start += 100)
      await db.delivery.createMany({
        data: Array.from({ length: 100 }, (_, index) => ({
          publicId: randomUUID(),
          ruleId: backlogRule,
          appid: appids[(start + index) % 100],
          type: "message.text",
          body,
          contentType: "application/json",
          giveUpAt,
          // Queued, as if the receiver had been down: all become due at once below.
          nextAttemptAt: giveUpAt,
        })),
      });
    await db.delivery.updateMany({ where: { ruleId: backlogRule }, data: { nextAttemptAt: new Date() } });
    const drainStartedAt = performance.now();
    const isDrained = await waitUntil(
      async () => (await db.delivery.count({ where: { ruleId: backlogRule, status: "succeeded" } })) >= 10_000,
      600_000,
    );
    const drainSeconds = (performance.now() - drainStartedAt) / 1000;
    rows.push({
      provider,
      measure: "drain a 10,000-delivery backlog (1 rule, 100 accounts)",
      wxopen: `${fixed(drainSeconds)} s (${thousands(10_000 / drainSeconds)} deliveries/s)`,
      baseline: `DELIVERY_CONCURRENCY_PER_RULE ${process.env.DELIVERY_CONCURRENCY_PER_RULE ?? 4}, one instance`,
      ratio: "-",
      target: "(reported)",
      isMet: isDrained,
    });
  } finally {
    await receiver.stop();
  }
};

/**
 * `count` authorized simulator accounts stored with their real refresh tokens, 10,000 at a time (the most addAccounts
 * takes); each batch asks `expiresAt` for its expiries just before it is written. Answers their appids in order.
 */
const seedSimulatorAccounts = async (
  simulator: Simulator,
  db: TDb,
  count: number,
  expiresAt: () => Date | null,
  kind?: "official_account" | "mini_program",
) => {
  const seeded: string[] = [];
  for (let offset = 0; offset < count; offset += 10_000) {
    const accounts = simulator.addAccounts(Math.min(10_000, count - offset), { authorize: true, ...(kind ? { kind } : {}) });
    const held = new Map(simulator.accounts().map((account) => [account.appid, account.authorization?.refreshToken]));
    await seedAuthorizers(
      db,
      accounts.map((account) => ({
        appid: account.appid,
        refreshToken: held.get(account.appid),
        nickName: account.nickName,
        principalName: account.principalName,
        kind: account.kind,
        expiresAt: expiresAt(),
      })),
    );
    seeded.push(...accounts.map((account) => account.appid));
  }
  return seeded;
};

/**
 * Every api_authorizer_token call from now on, handed to `onCall` with its appid and arrival time. The simulator keeps
 * the last 5000 calls: they are drained every 250 ms (calls() and clearCalls() in one synchronous step).
 */
const watchRefreshCalls = (simulator: Simulator, onCall: (appid: string, atMs: number) => void) => {
  const drain = () => {
    const calls = simulator.calls({ api: "api_authorizer_token" });
    simulator.clearCalls();
    for (const call of calls) onCall((call.body as Record<string, string>).authorizer_appid, Date.parse(call.at));
  };
  simulator.clearCalls();
  const poller = setInterval(drain, 250);
  return {
    stop: () => {
      clearInterval(poller);
      drain();
    },
  };
};

/** api_authorizer_token calls per appid from now on; stop() answers the duplicates and the accounts never called. */
const countRefreshCalls = (simulator: Simulator, swept: Set<string>) => {
  const counts = new Map<string, number>();
  const watcher = watchRefreshCalls(simulator, (appid) => counts.set(appid, (counts.get(appid) ?? 0) + 1));
  return {
    stop: () => {
      watcher.stop();
      return {
        duplicates: [...counts.entries()].filter(([appid, count]) => swept.has(appid) && count > 1).length,
        missed: [...swept].filter((appid) => !counts.has(appid)).length,
      };
    },
  };
};

const benchSweep = async (provider: string, app: TTestApp, simulator: Simulator, db: TDb, cronSecret: string) => {
  log(`seeding ${SWEEP_COUNT} authorizers for the sweep (${provider})`);
  const swept = new Set(await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 5 * 60_000)));
  const refreshCalls = countRefreshCalls(simulator, swept);
  simulator.setConfig({ latencyMs: SIMULATOR_LATENCY_MS });
  log(
    `sweeping ${SWEEP_COUNT} authorizers at concurrency ${SWEEP_CONCURRENCY} with the simulator answering in ${SIMULATOR_LATENCY_MS} ms (${provider})`,
  );
  const sweepStartedAt = new Date();
  const startedAt = performance.now();
  const answer = await postLong(`${app.url}/api/cron/refresh`, { authorization: `Bearer ${cronSecret}` }, 60 * 60_000);
  const seconds = (performance.now() - startedAt) / 1000;
  const { duplicates, missed } = refreshCalls.stop();
  simulator.setConfig({ latencyMs: 0 });
  const result = JSON.parse(answer.body) as { status: string; selected: number; refreshed: number; failed: number };
  const floor = (SWEEP_COUNT * SIMULATOR_LATENCY_MS) / 1000 / SWEEP_CONCURRENCY;
  log(`sweep answered ${answer.status} after ${fixed(seconds, 1)} s: ${answer.body}`);
  const stored = await db.authorizer.count({
    where: {
      lastRefreshAt: { gte: sweepStartedAt },
      lastRefreshOk: true,
      accessTokenExpiresAt: { gt: new Date(Date.now() + 110 * 60_000) },
    },
  });
  rows.push({
    provider,
    measure: `sweep of ${thousands(SWEEP_COUNT)} authorizers, simulator ${SIMULATOR_LATENCY_MS} ms, concurrency ${SWEEP_CONCURRENCY}`,
    wxopen: `${fixed(seconds, 1)} s; refreshed ${thousands(result.refreshed)}, failed ${result.failed}; stored ${thousands(stored)}; duplicate refreshes ${duplicates}, missed ${missed}`,
    baseline: `floor ${thousands(SWEEP_COUNT)} x ${SIMULATOR_LATENCY_MS / 1000} s / ${SWEEP_CONCURRENCY} = ${fixed(floor, 1)} s`,
    ratio: `${fixed(seconds / floor, 3)}x floor`,
    target: "<= 1.1x floor, 0 duplicates",
    isMet: seconds <= 1.1 * floor && duplicates === 0 && missed === 0 && result.failed === 0,
  });
};

/**
 * The sweep on three instances at once: 10,000 more accounts entering the window, each instance sweeping its share
 * (the cron route on all three together), beside one instance's floor for the same work.
 */
const benchSweepInstances = async (
  provider: string,
  app: TTestApp,
  simulator: Simulator,
  db: TDb,
  start: () => Promise<TTestApp>,
  cronSecret: string,
) => {
  const apps = [app, await start(), await start()];
  try {
    // Each instance heartbeats when it sweeps: a first round, with nothing due, lets all three see each other.
    await Promise.all(apps.map((each) => postLong(`${each.url}/api/cron/refresh`, { authorization: `Bearer ${cronSecret}` }, 60_000)));
    log(`seeding ${SWEEP_COUNT} authorizers for the sweep on three instances (${provider})`);
    // In the window, not yet urgent: each instance keeps to its share.
    const swept = new Set(await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 15 * 60_000)));
    const refreshCalls = countRefreshCalls(simulator, swept);
    simulator.setConfig({ latencyMs: SIMULATOR_LATENCY_MS });
    log(`sweeping ${SWEEP_COUNT} authorizers on three instances, simulator ${SIMULATOR_LATENCY_MS} ms (${provider})`);
    const startedAt = performance.now();
    const answers = await Promise.all(
      apps.map((each) => postLong(`${each.url}/api/cron/refresh`, { authorization: `Bearer ${cronSecret}` }, 60 * 60_000)),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const { duplicates, missed } = refreshCalls.stop();
    simulator.setConfig({ latencyMs: 0 });
    const results = answers.map((answer) => JSON.parse(answer.body) as { refreshed: number; concurrency: number; shard: string });
    const oneInstanceFloor = (SWEEP_COUNT * SIMULATOR_LATENCY_MS) / 1000 / SWEEP_CONCURRENCY;
    rows.push({
      provider,
      measure: `sweep of ${thousands(SWEEP_COUNT)} authorizers on 3 instances, simulator ${SIMULATOR_LATENCY_MS} ms`,
      wxopen: `${fixed(seconds, 1)} s; refreshed ${results.map((result) => `${thousands(result.refreshed)} (${result.shard}, concurrency ${result.concurrency})`).join(" + ")}; duplicate refreshes ${duplicates}, missed ${missed}`,
      baseline: `one instance's floor at concurrency ${SWEEP_CONCURRENCY}: ${fixed(oneInstanceFloor, 1)} s`,
      ratio: `${fixed(oneInstanceFloor / seconds, 2)}x one instance's floor`,
      target: ">= 2.5x, 0 duplicates",
      isMet: oneInstanceFloor / seconds >= 2.5 && duplicates === 0 && missed === 0,
    });
  } finally {
    await Promise.all(apps.slice(1).map((each) => each.stop()));
  }
};

const signIn = async (app: TTestApp, env: Record<string, string>) => {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, json: "true", callbackUrl: "/overview" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${response.status}): ${await response.text()}`);
  return [...cookies, session].join("; ");
};

/** p50 and p90 of `count` requests one after another, and the request (by URL) that took longest. */
const timeSequential = async (count: number, request: (index: number) => Promise<Response>) => {
  const latencies: number[] = [];
  let slowest = { ms: 0, url: "" };
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    const response = await request(index);
    const body = await response.text();
    const ms = performance.now() - startedAt;
    latencies.push(ms);
    if (ms > slowest.ms) slowest = { ms, url: decodeURIComponent(new URL(response.url).search) };
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${body.slice(0, 300)}`);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p90: percentile(latencies, 90), slowest };
};

/**
 * Authorizers number `from` to `to` - 1 for the list, written by one SQL statement (a million through the client
 * would take half an hour): 1 in 3 a mini program, 1 in 50 needing re-authorization, 1 in 40 cancelled, expiries
 * spread over two hours, and names whose word does not follow the kind (so a scope, that is a kind, is found early in
 * any sort). The triggers index each row for search as the app's own writes do.
 */
const seedListAuthorizers = async (provider: string, db: TDb, from: number, to: number) => {
  const { encryptSecret } = await import("../lib/secrets");
  const words = `'${JSON.stringify(WORDS)}'`;
  const refreshToken = encryptSecret("bench-list-refresh-token");
  const nowSeconds = Date.now() / 1000;
  const columns = `"appid", "kind", "status", "nickName", "principalName", "userName", "refreshToken", "accessTokenExpiresAt", "authorizedAt", "createdAt", "updatedAt"`;
  const kind = `CASE WHEN i % 3 = 0 THEN 'mini_program' ELSE 'official_account' END`;
  const status = `CASE WHEN i % 50 = 7 THEN 'needs_reauthorization' WHEN i % 40 = 3 THEN 'unauthorized' ELSE 'authorized' END`;
  await db.$executeRawUnsafe(
    provider === "postgres"
      ? `INSERT INTO "Authorizer"(${columns})
         SELECT 'wx' || substr(md5(random()::text), 1, 16), ${kind}, ${status},
           (${words}::jsonb ->> ((i / 3) % 12)::int) || ' ' || i, (${words}::jsonb ->> ((i * 7) % 12)::int) || ' 有限公司 ' || (i % 997),
           'gh_' || substr(md5(random()::text), 1, 12), '${refreshToken}',
           to_timestamp(${nowSeconds} + i % 7200), now(), now(), now()
         FROM generate_series(${from}::bigint, ${to - 1}) AS i`
      : `WITH RECURSIVE c(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM c WHERE i < ${to - 1})
         INSERT INTO "Authorizer"(${columns})
         SELECT 'wx' || lower(hex(randomblob(8))), ${kind}, ${status},
           json_extract(${words}, '$[' || ((i / 3) % 12) || ']') || ' ' || i,
           json_extract(${words}, '$[' || ((i * 7) % 12) || ']') || ' 有限公司 ' || (i % 997),
           'gh_' || lower(hex(randomblob(6))), '${refreshToken}',
           strftime('%Y-%m-%dT%H:%M:%f+00:00', ${nowSeconds} + i % 7200, 'unixepoch'),
           strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
         FROM c`,
  );
};

const benchList = async (provider: string, app: TTestApp, db: TDb, env: Record<string, string>) => {
  const existing = await db.authorizer.count();
  const toAdd = Math.max(0, LIST_COUNT - existing);
  log(`seeding ${thousands(toAdd)} more authorizers for the list (${provider})`);
  for (let from = existing; from < existing + toAdd; from += 100_000) {
    await seedListAuthorizers(provider, db, from, Math.min(existing + toAdd, from + 100_000));
    if (toAdd > 100_000) log(`  ${thousands(from + 100_000 - existing)} of ${thousands(toAdd)}`);
  }
  await db.$executeRawUnsafe(
    provider === "postgres"
      ? `INSERT INTO "AuthorizerScope"("appid", "scopeId") SELECT "appid", s FROM "Authorizer",
           unnest(CASE WHEN "kind" = 'mini_program' THEN ARRAY[17, 18] ELSE ARRAY[1, 2] END) AS s ON CONFLICT DO NOTHING`
      : `INSERT OR IGNORE INTO "AuthorizerScope"("appid", "scopeId")
           SELECT "appid", CASE WHEN "kind" = 'mini_program' THEN 17 ELSE 1 END FROM "Authorizer"
           UNION ALL SELECT "appid", CASE WHEN "kind" = 'mini_program' THEN 18 ELSE 2 END FROM "Authorizer"`,
  );
  // What autovacuum would have done by now: statistics for every table (the scope filter's plan needs the scopes'),
  // and the visibility map that lets Postgres count from an index alone.
  if (provider === "postgres") await db.$executeRawUnsafe('VACUUM "Authorizer"');
  await db.$executeRawUnsafe("ANALYZE");
  const total = await db.authorizer.count();
  const queries = ["", "咖啡", "Bakery 12", "wx1", "有限公司 42", "no-such-account", "Tea", "Studio 9"];
  const filters = [
    "status=needs_reauthorization",
    "kind=mini_program&sort=expiry",
    "status=unauthorized&sort=recent",
    "scope=17&sort=name",
    "kind=official_account&q=Coffee",
    "status=authorized&q=wx2",
    "sort=name",
    "status=needs_reauthorization&kind=mini_program&q=有限公司 9",
  ];
  const cookie = await signIn(app, env);
  const bearer = { authorization: `Bearer ${API_KEY}` };
  const rounds = 40;
  log(`list queries over ${thousands(total)} authorizers (${provider})`);
  // Warm each once (a production build compiles nothing, but this fills the database's caches fairly for all).
  for (const path of ["/authorizers", "/overview"]) await fetch(`${app.url}${path}`, { headers: { cookie } });
  const measures: Array<[string, Awaited<ReturnType<typeof timeSequential>>]> = [
    [
      `GET /api/v1/authorizers?q= (${queries.length} searches)`,
      await timeSequential(rounds, (index) =>
        fetch(`${app.url}/api/v1/authorizers?q=${encodeURIComponent(queries[index % queries.length])}`, { headers: bearer }),
      ),
    ],
    [
      `authorizers page /authorizers?q= (${queries.length} searches)`,
      await timeSequential(rounds, (index) =>
        fetch(`${app.url}/authorizers?q=${encodeURIComponent(queries[index % queries.length])}`, { headers: { cookie } }),
      ),
    ],
    [
      `authorizers page with filters and sorts (${filters.length} combinations)`,
      await timeSequential(rounds, (index) =>
        fetch(
          `${app.url}/authorizers?${filters[index % filters.length].replace(/q=([^&]*)/, (_, text: string) => `q=${encodeURIComponent(text)}`)}`,
          {
            headers: { cookie },
          },
        ),
      ),
    ],
    ["overview page /overview", await timeSequential(rounds, () => fetch(`${app.url}/overview`, { headers: { cookie } }))],
    ["GET /api/metrics", await timeSequential(rounds, () => fetch(`${app.url}/api/metrics`, { headers: bearer }))],
  ];
  const floor = await timeSequential(rounds, () => fetch(`${app.url}/api/v1/ping`));
  for (const [measure, figure] of measures) {
    rows.push({
      provider,
      measure: `${measure} with ${thousands(total)} authorizers`,
      wxopen: `p50 ${fixed(figure.p50)} ms, p90 ${fixed(figure.p90)} ms (${rounds} sequential; slowest ${fixed(figure.slowest.ms, 0)} ms${figure.slowest.url ? ` ${figure.slowest.url}` : ""})`,
      baseline: `constant route p50 ${fixed(floor.p50)} ms`,
      ratio: "",
      target: "p50 <= 150 ms, p90 <= 300 ms",
      isMet: figure.p50 <= 150 && figure.p90 <= 300,
    });
  }
};

// ── one provider ──────────────────────────────────────────────────────────────────────────────────────────
type TBenchStack = {
  database: TTestDatabase;
  simulator: Simulator;
  /** The instances started with the stack; the first receives the simulator's pushes. */
  apps: TTestApp[];
  env: Record<string, string>;
  /** One more instance on the same database and simulator (the caller stops it). */
  startInstance: () => Promise<TTestApp>;
  stop: () => Promise<void>;
};

/**
 * A fresh database, a simulator and `instances` app instances with `settings`, the bench's API key stored and the
 * component token taken (a ticket pushed first).
 */
/** Node's flags in `npm start` (the heap cap): the bench runs the app as a deployment does. */
const START_NODE_FLAGS =
  (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.match(/--[\w-]+=\S+/g) ?? [];

const startStack = async (
  provider: "sqlite" | "postgres",
  settings: Record<string, string>,
  { instances = 1, simulatorConfig = {} }: { instances?: number; simulatorConfig?: TSimulatorConfig } = {},
): Promise<TBenchStack> => {
  process.env.TEST_DATABASE = provider;
  const database = await createTestDatabase();
  const port = await freePort();
  const simulator = await startSimulator({
    port: 0,
    ...TEST_COMPONENT,
    notifyUrl: `http://127.0.0.1:${port}/api/wechat/notify`,
    messageUrl: `http://127.0.0.1:${port}/api/wechat/messages/$APPID$`,
    ticketIntervalSeconds: 0,
    dailyQuota: 1_000_000_000,
    authDomains: ["127.0.0.1", "localhost"],
    ...simulatorConfig,
  });
  const options = { databaseUrl: database.url, simulatorUrl: simulator.url, env: settings, nodeFlags: START_NODE_FLAGS };
  const startInstance = async () => startApp({ ...options, port: await freePort() });
  const apps: TTestApp[] = [];
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await simulator.close();
    await database.drop();
  };
  try {
    apps.push(await startApp({ ...options, port }));
    for (let count = 1; count < instances; count += 1) apps.push(await startInstance());
    await database.db.apiKey.create({
      data: {
        id: randomUUID(),
        name: "bench",
        prefix: API_KEY.slice(0, 10),
        hash: createHash("sha256").update(API_KEY).digest("hex"),
        role: "operator",
      },
    });
    if (!(await simulator.pushTicket()).ok) throw new Error("the app did not take the ticket push");
    await waitUntil(async () => Boolean(await database.db.componentToken.findFirst()), 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { database, simulator, apps, env: appEnv({ ...options, port }), startInstance, stop };
};

const runProvider = async (provider: "sqlite" | "postgres") => {
  const stack = await startStack(provider, {
    DATA_ENCRYPTION_KEY,
    REFRESH_SWEEP_ENABLED: "false",
    REFRESH_BATCH_LIMIT: String(SWEEP_COUNT + 1000),
    REFRESH_CONCURRENCY: String(SWEEP_CONCURRENCY),
    WECHAT_TIMEOUT_MS: "30000",
    // The platform's calls/s cap would otherwise be what limits three instances (200/s: 6 in flight each at 100 ms).
    WECHAT_MAX_CALLS_PER_SECOND: "1000",
    LOG_LEVEL: "error",
  });
  const { apps, simulator, env } = stack;
  const [app] = apps;
  const { db } = stack.database;
  try {
    if (ONLY.has("token")) await benchTokenApi(provider, app, simulator, db);
    if (ONLY.has("pushes")) await benchPushes(provider, app, env);
    if (ONLY.has("messages")) await benchMessages(provider, app);
    if (ONLY.has("forwarding")) await benchForwarding(provider, app, db);
    if (ONLY.has("proxy")) await benchProxy(provider, app, simulator, db);
    if (ONLY.has("sweep")) await benchSweep(provider, app, simulator, db, env.CRON_SECRET);
    if (ONLY.has("sweep-instances")) await benchSweepInstances(provider, app, simulator, db, stack.startInstance, env.CRON_SECRET);
    if (ONLY.has("list")) await benchList(provider, app, db, env);
  } finally {
    await stack.stop();
  }
};

// ── the rate test (issue 13) ──────────────────────────────────────────────────────────────────────────────
// 1,000,000 accounts with 2-hour tokens need ~140-170 refreshes/s; so do 100,000 with 600-s tokens, with every
// interval scaled by 600/7200. A rate held for 30 minutes instead of a count swept once.
const RATE_TOKEN_SECONDS = 600;
const RATE_WINDOW_SECONDS = 60;
const RATE_SAMPLE_MS = 5000;
const RATE_LOG_EVERY_SAMPLES = 6;
/** One refresh per token per cycle: each comes ~540 s after the last; one within 510 s of it is a duplicate. */
const DUPLICATE_WITHIN_MS = (RATE_TOKEN_SECONDS - RATE_WINDOW_SECONDS - 30) * 1000;
const RATE_RSS_TARGET_MB = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The refresh calls of the rate test: per second, and the duplicates (a second refresh of an account within
 * DUPLICATE_WITHIN_MS of its last), each kept with both times so stop() can tell which involved a token API read.
 */
const trackRefreshRate = (simulator: Simulator) => {
  const lastAt = new Map<string, number>();
  const perSecond = new Map<number, number>();
  const duplicates: Array<{ appid: string; previousMs: number; atMs: number }> = [];
  const watcher = watchRefreshCalls(simulator, (appid, atMs) => {
    const previousMs = lastAt.get(appid);
    if (previousMs !== undefined && atMs - previousMs < DUPLICATE_WITHIN_MS) duplicates.push({ appid, previousMs, atMs });
    lastAt.set(appid, atMs);
    const second = Math.floor(atMs / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  });
  /** Calls that arrived from `fromMs` to `toMs`: their count, and the busiest whole second's. */
  const between = (fromMs: number, toMs: number) => {
    const seconds = [...perSecond].filter(([second]) => second * 1000 >= fromMs && second * 1000 < toMs);
    return { calls: seconds.reduce((sum, [, count]) => sum + count, 0), peakPerSecond: Math.max(0, ...seconds.map(([, count]) => count)) };
  };
  return {
    between,
    stop: () => {
      watcher.stop();
      return duplicates;
    },
  };
};

/**
 * GET /api/v1/authorizers/:appid/access-token for random accounts, `perSecond` of them spread over the instances:
 * counts answers that are not 200 and tokens served already expired, and keeps when each account was read.
 */
const startTokenReader = (apps: TTestApp[], appids: string[], perSecond: number) => {
  const reads = new Map<string, Array<[number, number]>>();
  const inFlight = new Set<Promise<void>>();
  let count = 0;
  let failed = 0;
  let expired = 0;
  const readOne = async (app: TTestApp, appid: string) => {
    const startedMs = Date.now();
    try {
      const response = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, {
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      const body = (await response.json().catch(() => ({}))) as { expiresAt?: string };
      if (response.status !== 200) failed += 1;
      else if (!(Date.parse(body.expiresAt ?? "") > Date.now())) expired += 1;
    } catch {
      failed += 1;
    }
    reads.set(appid, [...(reads.get(appid) ?? []), [startedMs, Date.now()]]);
  };
  const timer =
    perSecond > 0
      ? setInterval(() => {
          count += 1;
          const read = readOne(apps[count % apps.length], appids[Math.floor(Math.random() * appids.length)]);
          inFlight.add(read);
          void read.finally(() => inFlight.delete(read));
        }, 1000 / perSecond)
      : undefined;
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      const isReading = (appid: string, atMs: number) => (reads.get(appid) ?? []).some(([from, to]) => from <= atMs && atMs <= to);
      return { count, failed, expired, isReading };
    },
  };
};

/**
 * One configuration: `accounts` accounts with 600-s tokens expiring evenly over the next 600 s, the sweep worker on
 * `instances` instances (its intervals scaled to the tokens), the simulator answering in `latencyMs`, for RATE_MINUTES.
 */
const benchRateConfiguration = async ({ accounts, latencyMs, instances }: { accounts: number; latencyMs: number; instances: number }) => {
  const provider = "postgres";
  const label = `${thousands(accounts)} accounts, 600-s tokens, simulator ${latencyMs} ms, ${instances} instance${instances > 1 ? "s" : ""}`;
  const stack = await startStack(
    provider,
    {
      DATA_ENCRYPTION_KEY,
      REFRESH_SWEEP_ENABLED: "true",
      REFRESH_SWEEP_INTERVAL_SECONDS: String((60 * RATE_TOKEN_SECONDS) / 7200),
      // The smallest whole minute (20 minutes scaled would be 100 s).
      REFRESH_WINDOW_MINUTES: String(RATE_WINDOW_SECONDS / 60),
      REFRESH_CONCURRENCY: "8",
      REFRESH_CONCURRENCY_MAX: "64",
      // The cap is not what this measures.
      WECHAT_MAX_CALLS_PER_SECOND: "1000",
      WECHAT_TIMEOUT_MS: "30000",
      LOG_LEVEL: "error",
    },
    { instances, simulatorConfig: { authorizerTokenLifetimeSeconds: RATE_TOKEN_SECONDS } },
  );
  const { simulator } = stack;
  const { db } = stack.database;
  try {
    simulator.setConfig({ latencyMs });
    const refreshes = trackRefreshRate(simulator);
    log(`rate test (${provider}): seeding ${label}`);
    // Each batch's expiries run from just outside the window to a full lifetime: the due rate is steady once all are in.
    const spreadMs = (RATE_TOKEN_SECONDS - RATE_WINDOW_SECONDS) * 1000;
    const appids = await seedSimulatorAccounts(
      simulator,
      db,
      accounts,
      () => new Date(Date.now() + RATE_WINDOW_SECONDS * 1000 + (1 - Math.random()) * spreadMs),
    );
    const processes = stack.apps.map((app) => findChildProcess("PORT", String(app.port)));
    const reader = startTokenReader(stack.apps, appids, RATE_READS_PER_SECOND);
    const startedAt = new Date();
    const endsAtMs = startedAt.getTime() + RATE_MINUTES * 60_000;
    const peakRssMb = processes.map(() => 0);
    let maxExpired = 0;
    let sweeps = { runs: 0, minConcurrency: NaN, maxConcurrency: NaN, refreshed: 0, failed: 0 };
    log(`rate test (${provider}): ${label}, ${RATE_MINUTES} min`);
    for (let sample = 1; Date.now() < endsAtMs; sample += 1) {
      await sleep(Math.max(0, Math.min(endsAtMs, startedAt.getTime() + sample * RATE_SAMPLE_MS) - Date.now()));
      const [expired, runs] = await Promise.all([
        db.authorizer.count({ where: { status: "authorized", accessTokenExpiresAt: { lte: new Date() } } }),
        db.sweepRun.aggregate({
          where: { startedAt: { gte: startedAt }, finishedAt: { not: null } },
          _count: true,
          _min: { concurrency: true },
          _max: { concurrency: true },
          _sum: { refreshed: true, failed: true },
        }),
      ]);
      maxExpired = Math.max(maxExpired, expired);
      sweeps = {
        runs: runs._count,
        minConcurrency: runs._min.concurrency ?? NaN,
        maxConcurrency: runs._max.concurrency ?? NaN,
        refreshed: runs._sum.refreshed ?? 0,
        failed: runs._sum.failed ?? 0,
      };
      const rssMb = processes.map(processTreeRssMb);
      rssMb.forEach((mb, index) => (peakRssMb[index] = Math.max(peakRssMb[index], mb)));
      if (sample % RATE_LOG_EVERY_SAMPLES === 0 || Date.now() >= endsAtMs) {
        const nowMs = Date.now();
        const recent = refreshes.between(nowMs - RATE_LOG_EVERY_SAMPLES * RATE_SAMPLE_MS, nowMs);
        log(
          `rate test: ${fixed((nowMs - startedAt.getTime()) / 1000, 0)} s, ${fixed(recent.calls / ((RATE_LOG_EVERY_SAMPLES * RATE_SAMPLE_MS) / 1000), 0)} calls/s, expired ${expired}, concurrency ${sweeps.minConcurrency}-${sweeps.maxConcurrency}, RSS ${rssMb.map((mb) => fixed(mb, 0)).join("/")} MB`,
        );
      }
    }
    const served = await reader.stop();
    const duplicates = refreshes.stop();
    const byReads = duplicates.filter(
      ({ appid, previousMs, atMs }) => served.isReading(appid, previousMs) || served.isReading(appid, atMs),
    );
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    const { calls, peakPerSecond } = refreshes.between(startedAt.getTime(), Date.now());
    const meanPerSecond = calls / seconds;
    const requiredPerSecond = accounts / (RATE_TOKEN_SECONDS - RATE_WINDOW_SECONDS);
    const peakRss = Math.max(...peakRssMb);
    rows.push({
      provider,
      measure: `rate test: ${label}, ${fixed(seconds / 60, 0)} min`,
      wxopen:
        `${thousands(calls)} refreshes (mean ${fixed(meanPerSecond)}/s, peak ${peakPerSecond}/s); ` +
        `${sweeps.runs} sweeps refreshed ${thousands(sweeps.refreshed)}, failed ${sweeps.failed}, concurrency ${sweeps.minConcurrency}-${sweeps.maxConcurrency}; ` +
        `left expired max ${maxExpired}; served expired ${served.expired}, failed ${served.failed} of ${thousands(served.count)} reads; ` +
        `duplicates ${duplicates.length} (${byReads.length} beside a token API read); peak RSS ${peakRssMb.map((mb) => fixed(mb, 0)).join("/")} MB`,
      baseline: `needed ${thousands(accounts)} / ${RATE_TOKEN_SECONDS - RATE_WINDOW_SECONDS} s = ${fixed(requiredPerSecond)} refreshes/s (refreshed ${RATE_WINDOW_SECONDS} s before expiry)`,
      ratio: `${fixed(meanPerSecond / requiredPerSecond, 2)}x needed`,
      target: `0 expired, 0 duplicates, RSS < ${RATE_RSS_TARGET_MB} MB`,
      isMet:
        maxExpired === 0 &&
        served.expired === 0 &&
        served.failed === 0 &&
        duplicates.length === 0 &&
        sweeps.failed === 0 &&
        peakRss < RATE_RSS_TARGET_MB,
    });
  } finally {
    await stack.stop();
  }
};

/** Every latency with every instance count, each on a fresh database and simulator. */
const benchRate = async () => {
  for (const latencyMs of RATE_LATENCIES_MS)
    for (const instances of RATE_INSTANCES) await benchRateConfiguration({ accounts: RATE_ACCOUNTS, latencyMs, instances });
};

const isPostgresReachable = async () => {
  const client = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
};

const printTable = () => {
  const header: TRow = {
    provider: "db",
    measure: "measure",
    wxopen: "wxopen",
    baseline: "baseline (same run)",
    ratio: "ratio",
    target: "target",
    isMet: undefined,
  };
  const cells = (row: TRow) => [
    row.provider,
    row.measure,
    row.wxopen,
    row.baseline,
    row.ratio,
    row.target,
    row.isMet === undefined ? "met" : row.isMet ? "yes" : "NO",
  ];
  const all = [header, ...rows].map(cells);
  const widths = all[0].map((_, column) => Math.max(...all.map((line) => [...line[column]].length)));
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value + " ".repeat(widths[column] - [...value].length)).join(" | ")} |`;
  console.log(line(all[0]));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const values of all.slice(1)) console.log(line(values));
};

const main = async () => {
  // The bench process seals pushes and encrypts seeded refresh tokens with the app's settings.
  Object.assign(
    process.env,
    appEnv({ databaseUrl: "file:./.tmp/bench-unused.db", simulatorUrl: "http://127.0.0.1:1", port: 1, env: { DATA_ENCRYPTION_KEY } }),
  );
  const providers = PROVIDER === "both" ? (["sqlite", "postgres"] as const) : ([PROVIDER] as Array<"sqlite" | "postgres">);
  for (const provider of providers) {
    if (provider === "postgres" && !(await isPostgresReachable())) {
      log("Postgres is not reachable at TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test): skipped");
      continue;
    }
    if (STACK_SECTIONS.some((section) => ONLY.has(section))) await runProvider(provider);
    if (ONLY.has("rate")) {
      if (provider === "postgres") await benchRate();
      else log(`the rate test runs on Postgres only: skipped for ${provider}`);
    }
  }
  console.log(
    `\nwxopen benchmark: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, build ${process.env.NEXT_DIST_DIR ?? ".next"}, ${SECONDS} s per load figure, loopback\n`,
  );
  printTable();
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
