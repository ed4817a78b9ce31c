import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// The /api/v1 JSON API through real `next start` processes, the real database and the simulator: keys and roles,
// happy paths, validation, 404/409, compare-and-expire, 45009, cron and metrics.

const METRICS_TOKEN = "test-metrics-token-0123456789";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type TKeys = { admin: string; operator: string; reader: string; revoked: string };
type TRoute = { method: "GET" | "POST"; path: string; role: "reader" | "operator" | "admin"; body?: unknown };

describe("[API] /api/v1 with API keys", () => {
  let stack: TStack;
  let keys: TKeys;
  let appids: string[];

  const call = async (
    route: { method?: string; path: string; body?: unknown },
    key?: string | null,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${stack.app.url}${route.path}`, {
      method: route.method ?? "GET",
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(route.body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: route.body === undefined ? undefined : typeof route.body === "string" ? route.body : JSON.stringify(route.body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // metrics answer text
    }
    return { status: response.status, json, text, headers: response.headers };
  };

  before(async () => {
    stack = await startStack({ env: { METRICS_TOKEN }, simulator: { dailyQuota: 100_000 } });
    // Keys are created in-process against the test database, as the settings page would.
    stack.shareEnvironment();
    const { createApiKey, revokeApiKey } = await import("../../lib/auth/api-keys");
    const make = async (role: "admin" | "operator" | "reader", name = role) => (await createApiKey({ name, role })).key;
    const revoked = await createApiKey({ name: "revoked", role: "admin" });
    await revokeApiKey({ id: revoked.id, actor: "test" });
    keys = { admin: await make("admin"), operator: await make("operator"), reader: await make("reader"), revoked: revoked.key };

    await stack.ready();
    appids = stack.simulator
      .addAccounts(4, { authorize: true, kind: "official_account" })
      .map((account) => account.appid)
      .sort();
  });
  after(async () => stack?.stop());

  const routes = (appid: string): TRoute[] => [
    { method: "GET", path: "/api/v1/component", role: "reader" },
    { method: "GET", path: "/api/v1/authorizers", role: "reader" },
    { method: "GET", path: `/api/v1/authorizers/${appid}`, role: "reader" },
    { method: "GET", path: "/api/v1/component/access-token", role: "admin" },
    { method: "GET", path: `/api/v1/authorizers/${appid}/access-token`, role: "operator" },
    { method: "POST", path: `/api/v1/authorizers/${appid}/access-token/invalidate`, role: "operator", body: { accessToken: "x" } },
    { method: "POST", path: "/api/v1/authorization-links", role: "operator", body: { authType: 3 } },
    { method: "POST", path: `/api/v1/authorizers/${appid}/refresh`, role: "admin" },
    { method: "POST", path: "/api/v1/authorizers/import", role: "admin" },
  ];
  const ROLE_BELOW = { reader: null, operator: "reader", admin: "operator" } as const;

  it("[API][AUTH]: every route refuses a missing, wrong or revoked key (401) and a role too low (403), changing nothing", async () => {
    const appid = appids[0];
    const authorizersBefore = await stack.database.db.authorizer.count();
    const linksBefore = await stack.database.db.authorizationLink.count();
    stack.simulator.clearCalls();
    for (const route of routes(appid)) {
      const label = `${route.method} ${route.path}`;
      for (const [why, key, headers] of [
        ["missing", null, {}],
        ["wrong", "wxo_thisIsNotAKeyThisServerEverGaveOut0000000000", {}],
        ["not a bearer", null, { authorization: `Basic ${Buffer.from(`x:${keys.admin}`).toString("base64")}` }],
        ["revoked", keys.revoked, {}],
      ] as const) {
        const answer = await call(route, key, headers);
        assert.equal(answer.status, 401, `${label} with a ${why} key`);
        assert.equal(answer.json?.error?.code, "unauthorized", `${label} with a ${why} key answers a JSON error`);
        assert.ok(answer.json.error.message.length > 10);
        assert.ok(!answer.text.includes("    at "), "no stack trace");
      }
      const below = ROLE_BELOW[route.role];
      if (below) {
        const answer = await call(route, keys[below]);
        assert.equal(answer.status, 403, `${label} with a ${below} key`);
        assert.equal(answer.json?.error?.code, "forbidden");
        assert.match(answer.json.error.message, new RegExp(route.role));
      }
    }
    assert.equal(await stack.database.db.authorizer.count(), authorizersBefore, "a refused import created nothing");
    assert.equal(await stack.database.db.authorizationLink.count(), linksBefore, "a refused link request created nothing");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 0, "a refused refresh called WeChat");
    assert.equal(stack.simulator.calls({ api: "api_get_authorizer_list" }).length, 0, "a refused import called WeChat");
  });

  it("[API][IMPORT]: imports the platform's authorizers and lists them page by page with named scopes, without tokens", async () => {
    const imported = await call({ method: "POST", path: "/api/v1/authorizers/import" }, keys.admin);
    assert.equal(imported.status, 200, imported.text);
    assert.ok(imported.json.total >= 4);
    assert.ok(imported.json.created >= 4);

    const seen: string[] = [];
    let cursor: string | null = null;
    let previousPage: { items: { appid: string }[]; nextCursor: string } | null = null;
    for (let page = 0; page < 20; page += 1) {
      const answer = await call(
        { path: `/api/v1/authorizers?limit=2&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` },
        keys.reader,
      );
      assert.equal(answer.status, 200, answer.text);
      if (page === 0) assert.equal(answer.json.previousCursor, null);
      if (previousPage) {
        // previousCursor leads back to exactly the page before.
        const back = await call(
          { path: `/api/v1/authorizers?limit=2&sort=name&cursor=${encodeURIComponent(answer.json.previousCursor)}` },
          keys.reader,
        );
        assert.deepEqual(
          back.json.items.map((item: { appid: string }) => item.appid),
          previousPage.items.map((item) => item.appid),
        );
      }
      previousPage = answer.json;
      assert.ok(answer.json.items.length <= 2);
      for (const item of answer.json.items) {
        seen.push(item.appid);
        assert.ok(Array.isArray(item.scopes) && item.scopes.length > 0);
        assert.equal(typeof item.scopes[0].id, "number");
        assert.equal(typeof item.scopes[0].name, "string");
        assert.ok(!("accessToken" in item) && !("refreshToken" in item) && !("accessTokenHash" in item));
      }
      cursor = answer.json.nextCursor;
      if (!cursor) break;
    }
    for (const appid of appids) assert.ok(seen.includes(appid), `${appid} listed`);
    assert.equal(new Set(seen).size, seen.length, "no authorizer on two pages");

    const filtered = await call({ path: `/api/v1/authorizers?q=${appids[1]}&status=authorized&kind=official_account` }, keys.reader);
    assert.deepEqual(
      filtered.json.items.map((item: { appid: string }) => item.appid),
      [appids[1]],
    );

    const profile = await call({ path: `/api/v1/authorizers/${appids[1]}?locale=en` }, keys.reader);
    assert.equal(profile.status, 200);
    assert.equal(profile.json.appid, appids[1]);
    assert.equal(profile.json.status, "authorized");
    assert.ok(profile.json.scopes.some((scope: { id: number; name: string }) => scope.id === 1 && scope.name === "Message management"));
    assert.ok("accessTokenExpiresAt" in profile.json);
    assert.ok(!/accessToken"|refreshToken/.test(profile.text.replace("accessTokenExpiresAt", "")), "no token in the profile");
  });

  it("[API][TOKENS]: serves access tokens, forces a refresh, and never puts a token where none was asked for", async () => {
    const appid = appids[1];
    const first = await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.appid, appid);
    assert.ok(first.json.accessToken.length > 20);
    assert.ok(new Date(first.json.expiresAt).getTime() > Date.now() + 7000_000);
    assert.equal(first.headers.get("cache-control"), "no-store");
    const row = await stack.database.db.authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.accessTokenHash, sha256(first.json.accessToken), "the answered token is the stored one");

    stack.simulator.clearCalls();
    const again = await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator);
    assert.equal(again.json.accessToken, first.json.accessToken, "a fresh token is served from storage");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 0);

    const forced = await call({ method: "POST", path: `/api/v1/authorizers/${appid}/refresh` }, keys.admin);
    assert.equal(forced.status, 200, forced.text);
    assert.equal(forced.json.appid, appid);
    assert.ok(!forced.text.includes("accessToken"), "the refresh answer carries no token");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 1);
    const after = await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator);
    assert.notEqual(after.json.accessToken, first.json.accessToken);

    const component = await call({ path: "/api/v1/component" }, keys.reader);
    assert.equal(component.status, 200);
    assert.ok(component.json.latestTicket.ageSeconds < 600);
    assert.ok(component.json.accessToken.secondsLeft > 6000);
    assert.deepEqual(component.json.tokenSource, { mode: "local" });
    const componentToken = await call({ path: "/api/v1/component/access-token" }, keys.admin);
    assert.equal(componentToken.status, 200);
    assert.ok(componentToken.json.accessToken.length > 20);
    assert.ok(!component.text.includes(componentToken.json.accessToken), "the status route does not show the token");

    const events = await stack.database.db.event.findMany();
    for (const token of [first.json.accessToken, after.json.accessToken, componentToken.json.accessToken]) {
      assert.ok(!events.some((event) => `${event.message}${event.detail}`.includes(token)), "no token in the event log");
      assert.ok(!stack.app.output().includes(token), "no token in the log");
    }
  });

  it("[API][INVALIDATE]: compare-and-expire: a wrong token changes nothing, a burst of the same rejected token makes one refresh", async () => {
    const appid = appids[2];
    const current = (await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator)).json.accessToken as string;
    stack.simulator.clearCalls();

    const stale = await call(
      {
        method: "POST",
        path: `/api/v1/authorizers/${appid}/access-token/invalidate`,
        body: { accessToken: "an-old-token-we-replaced-long-ago" },
      },
      keys.operator,
    );
    assert.equal(stale.status, 200, stale.text);
    assert.equal(stale.json.invalidated, false);
    assert.equal(stale.json.accessToken, current, "a token that is not the stored one leaves the stored one alone");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 0);

    stack.simulator.addFault({ api: "api_authorizer_token", mode: "latency", latencyMs: 300, times: 1 });
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(
          { method: "POST", path: `/api/v1/authorizers/${appid}/access-token/invalidate`, body: { accessToken: current } },
          keys.operator,
        ),
      ),
    );
    for (const answer of burst) assert.equal(answer.status, 200, answer.text);
    const tokens = new Set(burst.map((answer) => answer.json.accessToken));
    assert.equal(tokens.size, 1, "every caller gets the same new token");
    assert.ok(!tokens.has(current));
    assert.equal(burst.filter((answer) => answer.json.invalidated).length, 1, "one report expired it");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 1, "one refresh for the burst");
    assert.equal(await stack.database.db.event.count({ where: { appid, kind: "token.invalidated" } }), 1);

    const late = await call(
      { method: "POST", path: `/api/v1/authorizers/${appid}/access-token/invalidate`, body: { accessToken: current } },
      keys.operator,
    );
    assert.equal(late.json.invalidated, false, "a late report of the old token changes nothing");
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 1);
  });

  it("[API][VALIDATION]: bad input answers 400 with a message naming the problem", async () => {
    const cases: Array<[{ method?: string; path: string; body?: unknown }, RegExp]> = [
      [{ path: "/api/v1/authorizers?limit=0" }, /limit/],
      [{ path: "/api/v1/authorizers?limit=abc" }, /limit/],
      [{ path: "/api/v1/authorizers?limit=500" }, /limit/],
      [{ path: "/api/v1/authorizers?status=sleeping" }, /status/],
      [{ path: "/api/v1/authorizers?kind=robot" }, /kind/],
      [{ path: "/api/v1/authorizers?cursor=not-a-cursor" }, /cursor/],
      [{ method: "POST", path: "/api/v1/authorization-links", body: {} }, /authType/],
      [{ method: "POST", path: "/api/v1/authorization-links", body: { authType: 9 } }, /authType/],
      [{ method: "POST", path: "/api/v1/authorization-links", body: { authType: 1, bizAppid: "nope" } }, /bizAppid/],
      [{ method: "POST", path: "/api/v1/authorization-links", body: { authType: 1, categoryIds: "1,2" } }, /categoryIds/],
      [{ method: "POST", path: "/api/v1/authorization-links", body: "{not json" }, /JSON/],
      [{ method: "POST", path: `/api/v1/authorizers/${appids[0]}/access-token/invalidate`, body: {} }, /accessToken/],
    ];
    const linksBefore = await stack.database.db.authorizationLink.count();
    for (const [route, message] of cases) {
      const answer = await call(route, keys.operator);
      assert.equal(answer.status, 400, `${route.method ?? "GET"} ${route.path} ${JSON.stringify(route.body)}: ${answer.text}`);
      assert.equal(answer.json.error.code, "bad_request");
      assert.match(answer.json.error.message, message);
    }
    assert.equal(await stack.database.db.authorizationLink.count(), linksBefore);

    const link = await call(
      { method: "POST", path: "/api/v1/authorization-links", body: { authType: 2, categoryIds: [17, 18] } },
      keys.operator,
    );
    assert.equal(link.status, 200, link.text);
    assert.match(link.json.inviteUrl, new RegExp(`^${stack.app.url}/authorize/[A-Za-z0-9_-]{20,}$`));
    assert.ok(new Date(link.json.expiresAt).getTime() > Date.now());
    const stored = await stack.database.db.authorizationLink.findUniqueOrThrow({ where: { id: link.json.id } });
    assert.equal(stored.createdByLabel, 'API key "operator"');
    assert.equal(stored.categoryIds, "17|18");
  });

  it("[API][ACCESS-TOKEN]: 404 for an unknown appid, 409 with the reason for a cancelled account", async () => {
    const unknown = await call({ path: "/api/v1/authorizers/wx0000000000000000/access-token" }, keys.operator);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, "not_found");
    assert.equal((await call({ path: "/api/v1/authorizers/wx0000000000000000" }, keys.reader)).status, 404);
    assert.equal((await call({ method: "POST", path: "/api/v1/authorizers/wx0000000000000000/refresh" }, keys.admin)).status, 404);

    const appid = appids[3];
    assert.equal((await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator)).status, 200);
    await stack.simulator.cancelAuthorization(appid);
    const refused = await eventually(async () => {
      const answer = await call({ path: `/api/v1/authorizers/${appid}/access-token` }, keys.operator);
      return answer.status === 409 ? answer : undefined;
    }, "the cancelled account is refused");
    assert.equal(refused.json.error.code, "conflict");
    assert.match(refused.json.error.message, /unauthorized/);
    assert.match(refused.json.error.message, /authoriz/);
    const row = await stack.database.db.authorizer.findFirstOrThrow({ where: { appid } });
    assert.ok(row.refreshToken, "the refresh token is kept");
  });

  it("[API][QUOTA]: a 45009 is answered as a WeChat error, recorded with its errcode and logged at error level", async () => {
    const appid = appids[0];
    stack.simulator.addFault({
      api: "api_authorizer_token",
      mode: "errcode",
      errcode: 45009,
      times: 1,
      match: { authorizer_appid: appid },
    });
    const answer = await call({ method: "POST", path: `/api/v1/authorizers/${appid}/refresh` }, keys.admin);
    assert.equal(answer.status, 502, answer.text);
    assert.equal(answer.json.error.errcode, 45009);
    const event = await stack.database.db.event.findFirst({ where: { appid, errcode: 45009 } });
    assert.equal(event?.outcome, "error");
    await eventually(
      () =>
        stack.app
          .output()
          .split("\n")
          .some((line) => line.includes('"level":"error"') && line.includes("45009"))
          ? true
          : undefined,
      "45009 logged at error level",
    );
  });

  it("[API][CRON]: POST /api/cron/refresh needs CRON_SECRET and answers the sweep's counts", async () => {
    assert.equal((await call({ method: "POST", path: "/api/cron/refresh" })).status, 401);
    assert.equal((await call({ method: "POST", path: "/api/cron/refresh" }, "not-the-cron-secret-at-all")).status, 401);
    assert.equal((await call({ method: "POST", path: "/api/cron/refresh" }, keys.admin)).status, 401, "an API key is not the cron secret");
    // One account's token is about to expire: the sweep refreshes it.
    await stack.database.db.authorizer.updateMany({
      where: { appid: appids[2] },
      data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) },
    });
    const answer = await call({ method: "POST", path: "/api/cron/refresh" }, process.env.CRON_SECRET!);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.status, "completed");
    assert.ok(answer.json.selected >= 1);
    assert.equal(answer.json.refreshed, answer.json.selected - answer.json.failed - answer.json.skipped);
    const run = await stack.database.db.sweepRun.findUniqueOrThrow({ where: { id: answer.json.id } });
    assert.ok(run.finishedAt);
    assert.equal(run.selected, answer.json.selected);
    const row = await stack.database.db.authorizer.findFirstOrThrow({ where: { appid: appids[2] } });
    assert.ok(row.accessTokenExpiresAt!.getTime() > Date.now() + 7000_000, "the expiring token was refreshed");
  });

  it("[API][METRICS]: Prometheus text behind METRICS_TOKEN or an API key", async () => {
    assert.equal((await call({ path: "/api/metrics" })).status, 401);
    assert.equal((await call({ path: "/api/metrics" }, "wrong-metrics-token-000000")).status, 401);
    assert.equal((await call({ path: "/api/metrics" }, keys.revoked)).status, 401);
    const byToken = await call({ path: "/api/metrics" }, METRICS_TOKEN);
    assert.equal(byToken.status, 200);
    assert.match(byToken.headers.get("content-type") ?? "", /text\/plain/);
    const text = byToken.text;
    assert.match(text, /^wxopen_authorizers\{status="authorized"\} \d+$/m);
    assert.match(text, /^wxopen_authorizers\{status="unauthorized"\} [1-9]\d*$/m);
    for (const state of ["fresh", "expiring", "expired", "missing"])
      assert.match(text, new RegExp(`^wxopen_authorizer_tokens\\{state="${state}"\\} \\d+$`, "m"));
    assert.match(text, /^wxopen_authorizer_token_next_expiry_seconds -?\d+$/m);
    assert.match(text, /^wxopen_component_token_expiry_seconds \d+$/m);
    assert.match(text, /^wxopen_pushes_total\{info_type="component_verify_ticket",outcome="accepted",platform="wx[0-9a-f]{16}"\} [1-9]/m);
    assert.match(text, /^wxopen_token_refreshes_total\{errcode="",outcome="ok",token="authorizer"\} [1-9]/m);
    assert.match(text, /^wxopen_token_refreshes_total\{errcode="45009",outcome="error",token="authorizer"\} 1$/m);
    assert.match(
      text,
      /^wxopen_api_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/v1\/authorizers\/:appid\/access-token",status="200"\} [1-9]/m,
    );
    assert.match(text, /^wxopen_api_request_duration_seconds_count\{method="GET",route="\/api\/v1\/authorizers",status="401"\} [1-9]/m);
    const byKey = await call({ path: "/api/metrics" }, keys.reader);
    assert.equal(byKey.status, 200);
    assert.match(byKey.text, /wxopen_authorizer_tokens/);
  });

  it("[API][CLI]: npm run cli -- api-keys create prints a working key; list shows it without the secret; revoke stops it", async () => {
    const env = { ...process.env, LOG_LEVEL: "error" };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { env, encoding: "utf8", timeout: 60_000 });
    const usage = cli("api-keys", "create", "--name", "ci");
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--role/);
    assert.equal(cli("api-keys", "create", "--name", "ci", "--role", "owner").status, 2);

    const created = cli("api-keys", "create", "--name", "ci-reader", "--role", "reader");
    assert.equal(created.status, 0, created.stderr);
    const key = created.stdout.trim();
    assert.match(key, /^wxo_[A-Za-z0-9_-]{43,}$/);
    assert.equal((await call({ path: "/api/v1/authorizers?limit=1" }, key)).status, 200);

    const listed = cli("api-keys", "list");
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /ci-reader/);
    assert.ok(!listed.stdout.includes(key), "the list never shows a key");
    const stored = await stack.database.db.apiKey.findFirstOrThrow({ where: { name: "ci-reader" } });
    assert.equal(stored.hash, sha256(key), "only the hash is stored");
    assert.ok(stored.lastUsedAt, "last use recorded");

    const revoked = cli("api-keys", "revoke", stored.id);
    assert.equal(revoked.status, 0, revoked.stderr);
    // The app trusts a verified key for 2 s (VERIFIED_KEY_CACHE_MS) before reading it again.
    await eventually(
      async () => ((await call({ path: "/api/v1/authorizers?limit=1" }, key)).status === 401 ? true : undefined),
      "the revoked key is refused",
      5000,
    );
    assert.equal(cli("api-keys", "revoke", "no-such-id").status, 1);
  });
});
