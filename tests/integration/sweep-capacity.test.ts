import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The adaptive sweep through the real cron route: it plans its concurrency from the tokens falling due and WeChat's
// measured latency, within REFRESH_CONCURRENCY (2) and REFRESH_CONCURRENCY_MAX (6), and says so early (an error
// event, metrics, the overview banner) when even the ceiling cannot keep up.

let stack: TStack;
let adminKey: string;
const CRON_SECRET = "test-cron-secret-0123456789";

/**
 * One sweep through the cron route, on a connection of its own: a sweep that takes seconds (WeChat at 1 s a call)
 * outlives the server's keep-alive, and a reused connection would be closed under the next request.
 */
const sweep = () =>
  new Promise<{ status: string; concurrency: number; refreshed: number }>((resolve, reject) => {
    const outgoing = httpRequest(
      `${stack.app.url}/api/cron/refresh`,
      { method: "POST", agent: false, headers: { authorization: `Bearer ${CRON_SECRET}` } },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => {
          if (response.statusCode !== 200) reject(new Error(`cron answered ${response.statusCode}: ${body}`));
          else resolve(JSON.parse(body));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });

let seeded = 0;
/** Accounts whose tokens enter the 20-minute window within the next hour (the flow the sweep must keep up with). */
const seedFlow = async (count: number) => {
  const db = stack.database.db;
  const now = Date.now();
  for (let offset = 0; offset < count; offset += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - offset) }, (_, index) => seeded + offset + index);
    await db.authorizer.createMany({
      data: batch.map((index) => ({
        appid: `wx${String(index).padStart(16, "f")}`,
        status: "authorized",
        nickName: `flow ${index}`,
        refreshToken: "never used: not due in this test",
        // Spread over (now + 21 min, now + 79 min]: past this run's window, inside the hour after it.
        accessTokenExpiresAt: new Date(now + (21 + (index % 58)) * 60_000),
        authorizedAt: new Date(now),
      })),
    });
  }
  seeded += count;
};

before(async () => {
  stack = await startStack({
    env: { REFRESH_SWEEP_ENABLED: "false", REFRESH_CONCURRENCY: "2", REFRESH_CONCURRENCY_MAX: "6", WECHAT_MAX_CALLS_PER_SECOND: "50" },
  });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "sweep admin", role: "admin" })).key;
  await stack.ready();
});

after(async () => {
  await stack?.stop();
});

describe("[SWEEP][ADAPTIVE] the sweep plans its concurrency", () => {
  it("rises with the due rate, holds the ceiling, and warns before any token expires", async () => {
    // WeChat takes a second per refresh: 10 real accounts without a token are the first run's work.
    stack.simulator.addFault({ api: "api_authorizer_token", mode: "latency", latencyMs: 1000, times: -1 });
    stack.simulator.addAccounts(10, { authorize: true });
    const imported = await fetch(`${stack.app.url}/api/v1/authorizers/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(imported.status, 200, await imported.text());
    await seedFlow(6000);

    // Run 1 knows no latency yet (it assumes 200 ms): 1.7 refreshes/s need 1 call in flight, so the floor, 2.
    const first = await sweep();
    assert.deepEqual([first.status, first.concurrency, first.refreshed], ["completed", 2, 10]);
    // Run 2 plans with the latency run 1 measured (~1 s): 1.7/s need 3 in flight.
    const second = await sweep();
    assert.equal(second.concurrency, 3);
    // 30,000 accounts falling due in the hour: 8.3/s need 11 in flight; the ceiling holds it at 6, and 6/s fall short.
    await seedFlow(24_000);
    const third = await sweep();
    assert.equal(third.concurrency, 6, "the ceiling");
    const db = stack.database.db;
    assert.equal(
      await db.authorizer.count({ where: { status: "authorized", accessTokenExpiresAt: { lte: new Date() } } }),
      0,
      "no token has expired",
    );
    const events = await db.event.findMany({ where: { kind: "sweep.shortfall" } });
    assert.equal(events.length, 1, "one error event");
    assert.equal(events[0].outcome, "error");
    assert.match(events[0].message ?? "", /8 refreshes\/s are needed, at most 6\/s/);
    await sweep();
    assert.equal(await db.event.count({ where: { kind: "sweep.shortfall" } }), 1, "at most one event an hour");

    const metrics = await (await fetch(`${stack.app.url}/api/metrics`, { headers: { authorization: `Bearer ${adminKey}` } })).text();
    assert.match(metrics, /wxopen_sweep_concurrency 6/);
    assert.match(metrics, /wxopen_sweep_shortfall_per_second 2\.\d+/);
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const overview = await (await fetch(`${stack.app.url}/overview`, { headers: { cookie } })).text();
    assert.match(overview, /令牌刷新跟不上/);
    assert.match(overview, /每秒需要刷新 8 个令牌，目前每秒最多刷新 6 个/);
  });

  it("a sweep's routine refreshes write no event; the run keeps the count", async () => {
    const db = stack.database.db;
    assert.equal(await db.event.count({ where: { kind: "token.refreshed", actor: "sweep" } }), 0);
    const runs = await db.sweepRun.findMany({ orderBy: { id: "asc" } });
    assert.equal(runs[0].refreshed, 10);
    assert.ok(runs.every((run) => run.latencyMs !== null && run.requiredPerSecond !== null));
  });
});
