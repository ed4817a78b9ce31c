import assert from "node:assert/strict";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eventually, startApp, type TTestApp } from "../helpers/app";
import { createTestDatabase, type TTestDatabase } from "../helpers/database";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Staging reads production's tokens: an instance with TOKEN_UPSTREAM_URL never calls WeChat's token endpoints,
// never sweeps, and refuses to refresh (every token WeChat issues retires the previous one, production's).

const newKey = () => `wxo_${randomBytes(32).toString("base64url")}`;

describe("[TOKEN-SERVICE][UPSTREAM] a staging instance reading tokens from production", () => {
  let production: TStack;
  let staging: TTestApp;
  let stagingDatabase: TTestDatabase;
  let productionKeys: { admin: string; operator: string; upstream: string };
  const stagingKey = newKey();
  let appids: string[];

  const get = async (app: TTestApp, path: string, key: string, init: RequestInit = {}) => {
    const response = await fetch(`${app.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...(init.headers ?? {}) },
    });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith("{") ? JSON.parse(text) : null };
  };
  const tokenCalls = () =>
    production.simulator.calls({ api: "api_authorizer_token" }).length + production.simulator.calls({ api: "api_component_token" }).length;

  before(async () => {
    production = await startStack({ simulator: { dailyQuota: 100_000 } });
    production.shareEnvironment();
    const { createApiKey } = await import("../../lib/auth/api-keys");
    productionKeys = {
      admin: (await createApiKey({ name: "ops", role: "admin" })).key,
      operator: (await createApiKey({ name: "reads", role: "operator" })).key,
      // The component token is for admin keys only, so a staging instance's upstream key is an admin key.
      upstream: (await createApiKey({ name: "staging", role: "admin" })).key,
    };
    assert.equal((await production.simulator.pushTicket()).ok, true);
    await eventually(async () => (await production.database.db.componentToken.findFirst()) ?? undefined, "component token");
    appids = production.simulator.addAccounts(3, { authorize: true }).map((account) => account.appid);
    assert.equal((await get(production.app, "/api/v1/authorizers/import", productionKeys.admin, { method: "POST" })).status, 200);
    // The third account cancels: production answers 409 for it, and staging passes that on.
    await production.simulator.cancelAuthorization(appids[2]);

    stagingDatabase = await createTestDatabase();
    await stagingDatabase.db.apiKey.create({
      data: {
        id: randomUUID(),
        name: "staging-admin",
        prefix: stagingKey.slice(0, 10),
        hash: createHash("sha256").update(stagingKey).digest("hex"),
        role: "admin",
      },
    });
    staging = await startApp({
      databaseUrl: stagingDatabase.url,
      simulatorUrl: production.simulator.url,
      env: {
        TOKEN_UPSTREAM_URL: production.app.url,
        TOKEN_UPSTREAM_API_KEY: productionKeys.upstream,
        REFRESH_SWEEP_ENABLED: "true",
        REFRESH_SWEEP_INTERVAL_SECONDS: "1",
        LOG_LEVEL: "info",
      },
    });
  });
  after(async () => {
    await staging?.stop();
    await stagingDatabase?.drop();
    await production?.stop();
  });

  it("[UPSTREAM][READ]: serves production's tokens without calling WeChat, reusing them until 5 minutes before expiry", async () => {
    const fromProduction = await get(production.app, `/api/v1/authorizers/${appids[0]}/access-token`, productionKeys.operator);
    assert.equal(fromProduction.status, 200, fromProduction.text);
    const callsBefore = tokenCalls();
    const requestsToProduction = async () => {
      const metrics = await get(production.app, "/api/metrics", productionKeys.operator);
      const line = metrics.text
        .split("\n")
        .find((row) =>
          row.startsWith(
            'wxopen_api_request_duration_seconds_count{method="GET",route="/api/v1/authorizers/:appid/access-token",status="200"}',
          ),
        );
      return Number(line?.split(" ").pop() ?? 0);
    };
    const servedBefore = await requestsToProduction();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const fromStaging = await get(staging, `/api/v1/authorizers/${appids[0]}/access-token`, stagingKey);
      assert.equal(fromStaging.status, 200, fromStaging.text);
      assert.equal(fromStaging.json.accessToken, fromProduction.json.accessToken);
      assert.equal(fromStaging.json.expiresAt, fromProduction.json.expiresAt);
    }
    assert.equal(await requestsToProduction(), servedBefore + 1, "staging asked production once and reused the answer");

    const componentFromStaging = await get(staging, "/api/v1/component/access-token", stagingKey);
    const componentFromProduction = await get(production.app, "/api/v1/component/access-token", productionKeys.admin);
    assert.equal((await get(production.app, "/api/v1/component/access-token", productionKeys.operator)).status, 403);
    assert.equal(componentFromStaging.json.accessToken, componentFromProduction.json.accessToken);
    assert.equal(tokenCalls(), callsBefore, "no WeChat token endpoint was called for staging");

    const status = await get(staging, "/api/v1/component", stagingKey);
    assert.deepEqual(status.json.tokenSource, { mode: "upstream", url: production.app.url });
  });

  it("[UPSTREAM][OVERVIEW]: the overview says plainly where this instance's tokens come from", async () => {
    const { cookie } = await signIn(staging.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const page = await (await fetch(`${staging.url}/overview`, { headers: { cookie } })).text();
    assert.match(page, /此实例从上游 wxopen 读取令牌/);
    assert.ok(page.includes(production.app.url), "names the upstream");
    const { cookie: productionCookie } = await signIn(production.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const productionPage = await (await fetch(`${production.app.url}/overview`, { headers: { cookie: productionCookie } })).text();
    assert.doesNotMatch(productionPage, /此实例从上游 wxopen 读取令牌/);
  });

  it("[UPSTREAM][REFUSE]: refuses to refresh (409), passes production's 404 and 409 on, and never sweeps", async () => {
    const callsBefore = tokenCalls();
    const refresh = await get(staging, `/api/v1/authorizers/${appids[0]}/refresh`, stagingKey, { method: "POST" });
    assert.equal(refresh.status, 409);
    assert.match(refresh.json.error.message, new RegExp(`reads tokens from ${production.app.url}`));
    const cron = await get(staging, "/api/cron/refresh", process.env.CRON_SECRET!, { method: "POST" });
    assert.equal(cron.status, 200);
    assert.equal(cron.json.status, "skipped");
    assert.match(cron.json.reason, /reads tokens from/);
    assert.equal((await get(staging, "/api/v1/authorizers/wx0000000000000000/access-token", stagingKey)).status, 404);
    const cancelled = await get(staging, `/api/v1/authorizers/${appids[2]}/access-token`, stagingKey);
    assert.equal(cancelled.status, 409);
    assert.match(cancelled.json.error.message, /unauthorized/);
    assert.equal(tokenCalls(), callsBefore);
    assert.ok(staging.output().includes('"event":"instance.started"'));
    assert.ok(!staging.output().includes("sweep.worker_started"), "the sweep worker is not started in upstream mode");
    assert.equal(await stagingDatabase.db.sweepRun.count(), 0);
    const metrics = await get(staging, "/api/metrics", stagingKey);
    assert.match(metrics.text, /^wxopen_token_source_upstream 1$/m);
  });

  it("[UPSTREAM][AUTHORIZATION]: refuses invitations, the merchant's start, the callback and import, naming the upstream", async () => {
    const wechatCalls = () =>
      ["api_create_preauthcode", "api_query_auth", "api_get_authorizer_list"].reduce(
        (sum, api) => sum + production.simulator.calls({ api }).length,
        0,
      );
    const callsBefore = wechatCalls();
    const upstreamNamed = new RegExp(`reads tokens from ${production.app.url}`);

    const link = await get(staging, "/api/v1/authorization-links", stagingKey, { method: "POST", body: JSON.stringify({ authType: 3 }) });
    assert.equal(link.status, 409);
    assert.match(link.json.error.message, upstreamNamed);
    const imported = await get(staging, "/api/v1/authorizers/import", stagingKey, { method: "POST" });
    assert.equal(imported.status, 409);
    assert.match(imported.json.error.message, upstreamNamed);

    // A link already in staging's database (copied from production, say) still cannot be used there.
    const token = randomBytes(16).toString("base64url");
    const state = randomBytes(16).toString("base64url");
    await stagingDatabase.db.authorizationLink.create({
      data: { id: randomUUID(), token, state, authType: 3, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const start = await fetch(`${staging.url}/authorize/${token}/pc`, {
      method: "POST",
      redirect: "manual",
      headers: { referer: `${staging.url}/authorize/${token}` },
    });
    assert.equal(start.status, 409);
    const callback = await fetch(`${staging.url}/api/wechat/authorize/callback?state=${state}&auth_code=queryauthcode@@@x&expires_in=3600`);
    assert.equal(callback.status, 409);
    assert.match(await callback.text(), upstreamNamed);
    assert.equal(wechatCalls(), callsBefore, "no pre_auth_code, exchange or authorizer list was asked of WeChat");
    assert.equal(await stagingDatabase.db.authorizer.count(), 0, "no production refresh token copied to staging");
  });

  it("[UPSTREAM][INVALIDATE]: a rejected token reported to staging is compare-and-expired by production, once", async () => {
    const old = (await get(staging, `/api/v1/authorizers/${appids[1]}/access-token`, stagingKey)).json.accessToken as string;
    const before = production.simulator.calls({ api: "api_authorizer_token" }).length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        get(staging, `/api/v1/authorizers/${appids[1]}/access-token/invalidate`, stagingKey, {
          method: "POST",
          body: JSON.stringify({ accessToken: old }),
        }),
      ),
    );
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    const tokens = new Set(answers.map((answer) => answer.json.accessToken));
    assert.equal(tokens.size, 1);
    assert.ok(!tokens.has(old));
    assert.equal(production.simulator.calls({ api: "api_authorizer_token" }).length, before + 1, "production refreshed once");
    const current = await get(production.app, `/api/v1/authorizers/${appids[1]}/access-token`, productionKeys.operator);
    assert.ok(tokens.has(current.json.accessToken));
    const cached = await get(staging, `/api/v1/authorizers/${appids[1]}/access-token`, stagingKey);
    assert.equal(cached.json.accessToken, current.json.accessToken, "staging keeps the new token");
  });
  it("[UPSTREAM][PROXY]: proxied WeChat calls go through production's proxy, with production's token and none of staging's", async () => {
    production.simulator.clearCalls();
    const before = tokenCalls();
    const body = JSON.stringify({ cgi_path: "/cgi-bin/message/custom/send" });
    const proxied = await get(staging, `/api/v1/authorizers/${appids[0]}/wechat/cgi-bin/openapi/quota/get`, stagingKey, {
      method: "POST",
      body,
    });
    assert.equal(proxied.status, 200, proxied.text);
    assert.ok(proxied.json.quota, proxied.text);
    const current = await get(production.app, `/api/v1/authorizers/${appids[0]}/access-token`, productionKeys.operator);
    const [call] = production.simulator.calls({ api: "openapi/quota/get" });
    assert.equal(call.query.access_token, current.json.accessToken, "production's token, added by production");
    assert.equal(tokenCalls(), before, "no token fetched or refreshed for it");
    const cancelled = await get(staging, `/api/v1/authorizers/${appids[2]}/wechat/cgi-bin/menu/get`, stagingKey);
    assert.equal(cancelled.status, 409, "production's 409 for a cancelled account passes through");
    assert.equal(await stagingDatabase.db.authorizer.count(), 0, "staging stores no account");
  });
});
