import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventually, type TTestApp } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// Three app processes on one database, each with the background sweep every second, against the simulator (which
// rotates refresh tokens on every refresh, so a lost one would show as 61023). A "cycle" is simulated time: the
// test moves every token into the 20-minute refresh window (18 minutes left, still above the 15-minute serving
// margin, so callers are answered from storage and only the sweep refreshes).

const WINDOW_MINUTES = 20;
const ACCOUNTS = 12;
const CYCLES = 3;

type TLoad = { stop: () => Promise<{ total: number; failures: string[] }>; exclude: (app: TTestApp) => void };

describe("[TOKEN-SERVICE] three instances on one database", () => {
  let stack: TStack;
  let appids: string[];
  let operatorKey: string;
  let decryptSecret: (sealed: string) => string;

  const db = () => stack.database.db;
  const callsPerAppid = () => {
    const counts = new Map<string, number>();
    for (const call of stack.simulator.calls({ api: "api_authorizer_token" })) {
      const appid = (call.body as Record<string, string>).authorizer_appid;
      counts.set(appid, (counts.get(appid) ?? 0) + 1);
    }
    return counts;
  };
  const finishedSweepsSince = (since: Date) => db().sweepRun.count({ where: { startedAt: { gt: since }, finishedAt: { not: null } } });

  /** Callers asking every live instance for tokens the whole time; every answer must be a 200 with a token. */
  const startLoad = (): TLoad => {
    const excluded = new Set<TTestApp>();
    const failures: string[] = [];
    let total = 0;
    let isRunning = true;
    const lane = async (seed: number) => {
      for (let index = seed; isRunning; index += 1) {
        const apps = stack.apps.filter((app) => !excluded.has(app));
        const app = apps[index % apps.length];
        const appid = appids[index % appids.length];
        try {
          const response = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, {
            headers: { authorization: `Bearer ${operatorKey}` },
          });
          const body = (await response.json()) as { accessToken?: string };
          if (response.status !== 200 || !body.accessToken)
            failures.push(`${app.port} ${appid}: ${response.status} ${JSON.stringify(body)}`);
        } catch (error) {
          if (!excluded.has(app)) failures.push(`${app.port} ${appid}: ${(error as Error).message}`);
        }
        total += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const lanes = [0, 1, 2, 3].map(lane);
    return {
      exclude: (app) => excluded.add(app),
      stop: async () => {
        isRunning = false;
        await Promise.all(lanes);
        return { total, failures };
      },
    };
  };

  /** Every stored refresh token is the one WeChat holds now. */
  const assertNoRefreshTokenLost = async () => {
    const held = new Map(stack.simulator.accounts().map((account) => [account.appid, account.authorization?.refreshToken]));
    for (const row of await db().authorizer.findMany({ where: { appid: { in: appids } } })) {
      assert.equal(row.status, "authorized", `${row.appid} is still authorized (${row.statusReason ?? ""})`);
      assert.ok(row.refreshToken, `${row.appid} has a refresh token`);
      assert.equal(decryptSecret(row.refreshToken!), held.get(row.appid), `${row.appid}'s stored refresh token is WeChat's current one`);
    }
  };

  const allRefreshedAfter = (since: Date) =>
    eventually(
      async () => {
        const stale = await db().authorizer.count({
          where: { appid: { in: appids }, OR: [{ lastRefreshAt: null }, { lastRefreshAt: { lt: since } }, { lastRefreshOk: false }] },
        });
        return stale === 0 ? true : undefined;
      },
      "every token refreshed by a sweep",
      60_000,
    );

  before(async () => {
    stack = await startStack({
      apps: 3,
      env: {
        REFRESH_SWEEP_ENABLED: "true",
        REFRESH_SWEEP_INTERVAL_SECONDS: "1",
        REFRESH_WINDOW_MINUTES: String(WINDOW_MINUTES),
        REFRESH_CONCURRENCY: "4",
        LOG_LEVEL: "info",
      },
      simulator: { dailyQuota: 100_000, rotateRefreshTokenOnRefresh: true },
    });
    stack.shareEnvironment();
    const { createApiKey } = await import("../../lib/auth/api-keys");
    ({ decryptSecret } = await import("../../lib/secrets"));
    operatorKey = (await createApiKey({ name: "callers", role: "operator" })).key;
    const admin = (await createApiKey({ name: "ops", role: "admin" })).key;

    // No ticket was pushed: the sweeps ask WeChat for one (once, across all three), and the token follows.
    await eventually(
      async () => (await db().componentToken.findFirst()) ?? undefined,
      "component token after the sweep's push request",
      20_000,
    );
    assert.equal(stack.simulator.calls({ api: "api_start_push_ticket" }).length, 1, "one api_start_push_ticket across three instances");

    appids = stack.simulator.addAccounts(ACCOUNTS, { authorize: true }).map((account) => account.appid);
    const imported = await fetch(`${stack.apps[1].url}/api/v1/authorizers/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(
      imported.status,
      200,
      `${await imported.text()}\n${stack.apps[1]
        .output()
        .split("\n")
        .filter((line) => /"level":"(warn|error)"/.test(line))
        .slice(-5)
        .join("\n")}`,
    );
  });
  after(async () => stack?.stop());

  it("[TOKEN-SERVICE][SWEEP]: refreshes each token exactly once per cycle, loses no refresh token, answers every call", async () => {
    // Cycle 0: imported accounts have no access token yet; the sweeps fetch one each.
    const importedAt = new Date(Date.now() - 1000);
    await allRefreshedAfter(importedAt);
    const load = startLoad();
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      const startedAt = new Date();
      await db().authorizer.updateMany({
        where: { appid: { in: appids } },
        data: { accessTokenExpiresAt: new Date(Date.now() + 18 * 60_000) },
      });
      await allRefreshedAfter(startedAt);
      const refreshedAt = new Date();
      // Sweeps keep running on every instance; none may touch a token refreshed in this cycle again.
      await eventually(async () => ((await finishedSweepsSince(refreshedAt)) >= 3 ? true : undefined), "three more sweeps", 20_000);
      const counts = callsPerAppid();
      for (const appid of appids)
        assert.equal(counts.get(appid), cycle + 1, `${appid}: one api_authorizer_token call per cycle (cycle ${cycle})`);
      for (const row of await db().authorizer.findMany({ where: { appid: { in: appids } }, select: { accessTokenExpiresAt: true } })) {
        assert.ok(row.accessTokenExpiresAt!.getTime() > Date.now() + 110 * 60_000);
      }
    }
    const { total, failures } = await load.stop();
    assert.deepEqual(failures, [], "every API call was answered with a token");
    assert.ok(total > 50, `callers kept calling (${total} calls)`);
    await assertNoRefreshTokenLost();

    // Every instance sweeps its share, and still each token was refreshed once per cycle (the counts above).
    const runs = await db().sweepRun.findMany({ where: { finishedAt: { not: null } }, orderBy: { startedAt: "asc" } });
    assert.ok(runs.length > CYCLES * 3);
    const refreshedBy = new Map<string, number>();
    for (const run of runs) refreshedBy.set(run.instance, (refreshedBy.get(run.instance) ?? 0) + run.refreshed);
    const working = [...refreshedBy.values()].filter((count) => count > 0).length;
    assert.ok(working >= 2, `the refreshes were shared among the instances: ${JSON.stringify(Object.fromEntries(refreshedBy))}`);
    // Routine refreshes leave no event row: the runs count them, and each row keeps its lastRefreshAt.
    assert.equal(await db().event.count({ where: { kind: "token.refreshed", actor: "sweep" } }), 0, "no event per routine refresh");
    const counted = runs.reduce((sum, run) => sum + run.refreshed, 0);
    assert.ok(counted >= appids.length * (CYCLES + 1), `the runs counted ${counted} refreshes`);
    assert.equal(stack.simulator.calls({ api: "api_start_push_ticket" }).length, 1, "a ticket arrived; no further push requests");
  });

  it("[TOKEN-SERVICE][KILL]: a process killed in the middle of a refresh loses nothing; the next sweep completes it", async () => {
    // WeChat keeps the refresh token (the documented behaviour); a rotation answered to a dead process is unrecoverable by anyone.
    stack.simulator.setConfig({ rotateRefreshTokenOnRefresh: false });
    const appid = appids[0];
    const before = callsPerAppid().get(appid) ?? 0;
    const refreshTokenBefore = (await db().authorizer.findFirstOrThrow({ where: { appid } })).refreshToken!;
    stack.simulator.addFault({
      api: "api_authorizer_token",
      mode: "latency",
      latencyMs: 8000,
      times: 1,
      match: { authorizer_appid: appid },
    });
    const load = startLoad();
    const dueAt = new Date();
    await db().authorizer.updateMany({ where: { appid }, data: { accessTokenExpiresAt: new Date(Date.now() + 18 * 60_000) } });

    await eventually(() => ((callsPerAppid().get(appid) ?? 0) > before ? true : undefined), "the sweep called WeChat", 20_000);
    const { refreshLeaseHolder: holder } = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.ok(holder, "the refresh lease is held while WeChat answers");
    const victim = stack.apps.find((app) => app.output().includes(`"instance":"${holder.split(":").slice(0, 2).join(":")}"`));
    assert.ok(victim, `the app holding ${holder} is one of ours`);
    load.exclude(victim);
    victim.kill();

    await eventually(
      async () => {
        const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
        return row.lastRefreshAt && row.lastRefreshAt > dueAt && row.lastRefreshOk ? row : undefined;
      },
      "another instance's sweep completed the refresh",
      90_000,
    );
    const { failures } = await load.stop();
    assert.deepEqual(failures, [], "the surviving instances answered every call");

    const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.status, "authorized");
    assert.equal(decryptSecret(row.refreshToken!), decryptSecret(refreshTokenBefore), "the refresh token survived the kill");
    assert.ok(row.accessTokenExpiresAt!.getTime() > Date.now() + 110 * 60_000);
    assert.equal(callsPerAppid().get(appid), before + 2, "the killed call and the one that completed it");
    await assertNoRefreshTokenLost();
    const unfinished = await db().sweepRun.findMany({ where: { finishedAt: null } });
    assert.ok(unfinished.length >= 1, "the killed sweep's run is left unfinished");
    const survivor = stack.apps.find((app) => app !== victim)!;
    const answer = await fetch(`${survivor.url}/api/v1/authorizers/${appid}/access-token`, {
      headers: { authorization: `Bearer ${operatorKey}` },
    });
    assert.equal(answer.status, 200);
  });
});
