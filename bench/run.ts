// npm run bench: the token service against the WeChat simulator on this machine, each figure beside a baseline
// measured in the same run (issue 5, section 4). Needs a build (`npm run build`, or NEXT_DIST_DIR=<dir>).
//   --provider sqlite|postgres|both   (default both; Postgres is skipped when it cannot be reached)
//   --seconds N        measuring time per load figure (default 5)
//   --sweep N          authorizers refreshed by the sweep figure (default 10000)
//   --concurrency N    REFRESH_CONCURRENCY for the sweep (default 8)
//   --list N           authorizers in the database for the list figures (default 100000)
//   --only a,b         only some figures: token, pushes, messages, forwarding, proxy, sweep, sweep-instances, list
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { startSimulator, type Simulator } from "../simulator";
import { appEnv, freePort, startApp, TEST_COMPONENT, type TTestApp } from "../tests/helpers/app";
import { createTestDatabase, type TTestDatabase } from "../tests/helpers/database";
import { percentile, runLoad, type TLoadResult } from "./load";

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
const SECONDS = Number(argument("--seconds", "5"));
const SWEEP_COUNT = Number(argument("--sweep", "10000"));
const SWEEP_CONCURRENCY = Number(argument("--concurrency", "8"));
const LIST_COUNT = Number(argument("--list", "100000"));
const PROVIDER = argument("--provider", "both");
const ONLY = new Set(argument("--only", "token,pushes,messages,forwarding,proxy,sweep,sweep-instances,list").split(","));
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
  items: Array<{ appid: string; refreshToken?: string; nickName: string; principalName: string; kind: string; expiresAt: Date | null }>,
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
  const accounts = simulator.addAccounts(TOKEN_ACCOUNTS, { authorize: true });
  const held = new Map(simulator.accounts().map((account) => [account.appid, account.authorization?.refreshToken]));
  await seedAuthorizers(
    db,
    accounts.map((account) => ({
      appid: account.appid,
      refreshToken: held.get(account.appid),
      nickName: account.nickName,
      principalName: account.principalName,
      kind: account.kind,
      expiresAt: null,
    })),
  );
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
  const accounts = simulator.addAccounts(TOKEN_ACCOUNTS, { authorize: true, kind: "official_account" });
  const held = new Map(simulator.accounts().map((account) => [account.appid, account.authorization?.refreshToken]));
  await seedAuthorizers(
    db,
    accounts.map((account) => ({
      appid: account.appid,
      refreshToken: held.get(account.appid),
      nickName: account.nickName,
      principalName: account.principalName,
      kind: account.kind,
      expiresAt: null,
    })),
  );
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

/** SWEEP_COUNT authorized simulator accounts, stored with their real refresh tokens and expiring at `expiresAt`. */
const seedSweepAccounts = async (simulator: Simulator, db: TDb, expiresAt: Date) => {
  const accounts = simulator.addAccounts(SWEEP_COUNT, { authorize: true });
  const held = new Map(simulator.accounts().map((account) => [account.appid, account.authorization?.refreshToken]));
  await seedAuthorizers(
    db,
    accounts.map((account) => ({
      appid: account.appid,
      refreshToken: held.get(account.appid),
      nickName: account.nickName,
      principalName: account.principalName,
      kind: account.kind,
      expiresAt,
    })),
  );
  return new Set(accounts.map((account) => account.appid));
};

/**
 * api_authorizer_token calls per appid from now on. The simulator keeps the last 5000 calls: they are drained often
 * (calls() and clearCalls() in one synchronous step). stop() answers the duplicates and the accounts never called.
 */
const countRefreshCalls = (simulator: Simulator, swept: Set<string>) => {
  const counts = new Map<string, number>();
  const drain = () => {
    const calls = simulator.calls({ api: "api_authorizer_token" });
    simulator.clearCalls();
    for (const call of calls) {
      const appid = (call.body as Record<string, string>).authorizer_appid;
      counts.set(appid, (counts.get(appid) ?? 0) + 1);
    }
  };
  drain();
  counts.clear();
  const poller = setInterval(drain, 250);
  return {
    stop: () => {
      clearInterval(poller);
      drain();
      return {
        duplicates: [...counts.entries()].filter(([appid, count]) => swept.has(appid) && count > 1).length,
        missed: [...swept].filter((appid) => !counts.has(appid)).length,
      };
    },
  };
};

const benchSweep = async (provider: string, app: TTestApp, simulator: Simulator, db: TDb, cronSecret: string) => {
  log(`seeding ${SWEEP_COUNT} authorizers for the sweep (${provider})`);
  const swept = await seedSweepAccounts(simulator, db, new Date(Date.now() + 5 * 60_000));
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
    const swept = await seedSweepAccounts(simulator, db, new Date(Date.now() + 15 * 60_000));
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

const timeSequential = async (count: number, request: (index: number) => Promise<Response>) => {
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    const response = await request(index);
    const body = await response.text();
    latencies.push(performance.now() - startedAt);
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${body.slice(0, 300)}`);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p90: percentile(latencies, 90) };
};

const benchList = async (provider: string, app: TTestApp, db: TDb, env: Record<string, string>) => {
  const existing = await db.authorizer.count();
  const toAdd = Math.max(0, LIST_COUNT - existing);
  log(`seeding ${thousands(toAdd)} more authorizers for the list (${provider})`);
  await seedAuthorizers(
    db,
    Array.from({ length: toAdd }, (_, index) => ({
      appid: `wx${randomBytes(8).toString("hex")}`,
      nickName: `${WORDS[index % WORDS.length]} ${index}`,
      principalName: `${WORDS[(index * 7) % WORDS.length]} 有限公司 ${index % 997}`,
      kind: index % 3 === 0 ? "mini_program" : "official_account",
      expiresAt: new Date(Date.now() + (index % 7200) * 1000),
    })),
  );
  const total = await db.authorizer.count();
  const queries = ["", "咖啡", "Bakery 12", "wx1", "有限公司 42", "no-such-account", "Tea", "Studio 9"];
  const cookie = await signIn(app, env);
  const rounds = 40;
  log(`list queries over ${thousands(total)} authorizers (${provider})`);
  // Warm both once (first render compiles nothing in production, but fills caches fairly for both).
  await fetch(`${app.url}/authorizers`, { headers: { cookie } });
  const api = await timeSequential(rounds, (index) =>
    fetch(`${app.url}/api/v1/authorizers?q=${encodeURIComponent(queries[index % queries.length])}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    }),
  );
  const page = await timeSequential(rounds, (index) =>
    fetch(`${app.url}/authorizers?q=${encodeURIComponent(queries[index % queries.length])}`, { headers: { cookie } }),
  );
  const floor = await timeSequential(rounds, () => fetch(`${app.url}/api/v1/ping`));
  for (const [measure, figure] of [
    ["GET /api/v1/authorizers?q=", api],
    ["authorizers page /authorizers?q=", page],
  ] as const) {
    rows.push({
      provider,
      measure: `${measure} with ${thousands(total)} authorizers`,
      wxopen: `p50 ${fixed(figure.p50)} ms, p90 ${fixed(figure.p90)} ms (${rounds} sequential, ${queries.length} queries)`,
      baseline: `constant route p50 ${fixed(floor.p50)} ms`,
      ratio: "",
      target: "p50 < 150 ms",
      isMet: figure.p50 < 150,
    });
  }
};

// ── one provider ──────────────────────────────────────────────────────────────────────────────────────────
const runProvider = async (provider: "sqlite" | "postgres") => {
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
  });
  const settings = {
    DATA_ENCRYPTION_KEY,
    REFRESH_SWEEP_ENABLED: "false",
    REFRESH_BATCH_LIMIT: String(SWEEP_COUNT + 1000),
    REFRESH_CONCURRENCY: String(SWEEP_CONCURRENCY),
    WECHAT_TIMEOUT_MS: "30000",
    // The platform's calls/s cap would otherwise be what limits three instances (200/s: 6 in flight each at 100 ms).
    WECHAT_MAX_CALLS_PER_SECOND: "1000",
    LOG_LEVEL: "error",
  };
  const env = appEnv({ databaseUrl: database.url, simulatorUrl: simulator.url, port, env: settings });
  let app: TTestApp | undefined;
  try {
    app = await startApp({ databaseUrl: database.url, simulatorUrl: simulator.url, port, env: settings });
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
    for (let attempt = 0; attempt < 100 && !(await database.db.componentToken.findFirst()); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (ONLY.has("token")) await benchTokenApi(provider, app, simulator, database.db);
    if (ONLY.has("pushes")) await benchPushes(provider, app, env);
    if (ONLY.has("messages")) await benchMessages(provider, app);
    if (ONLY.has("forwarding")) await benchForwarding(provider, app, database.db);
    if (ONLY.has("proxy")) await benchProxy(provider, app, simulator, database.db);
    if (ONLY.has("sweep")) await benchSweep(provider, app, simulator, database.db, env.CRON_SECRET);
    if (ONLY.has("sweep-instances")) {
      const start = async () => startApp({ databaseUrl: database.url, simulatorUrl: simulator.url, port: await freePort(), env: settings });
      await benchSweepInstances(provider, app, simulator, database.db, start, env.CRON_SECRET);
    }
    if (ONLY.has("list")) await benchList(provider, app, database.db, env);
  } finally {
    await app?.stop();
    await simulator.close();
    await database.drop();
  }
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
    await runProvider(provider);
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
