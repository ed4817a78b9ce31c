import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// Authorizer tokens against the simulator: serve, refresh, rotate, give up on 61023/42007/61003, survive faults,
// collapse concurrent refreshes, and import authorizations the app has never seen. The JSON API over these
// functions is another area's; here they are called in this process against the app's database.

const SHARED_ENV = { WECHAT_TIMEOUT_MS: "1500" };

let stack: TStack;
let lib: {
  getAuthorizerAccessToken: typeof import("../../lib/platform/authorizers/get-authorizer-access-token").getAuthorizerAccessToken;
  refreshAuthorizerToken: typeof import("../../lib/platform/authorizers/refresh-authorizer-token").refreshAuthorizerToken;
  importAuthorizers: typeof import("../../lib/platform/authorization/import-authorizers").importAuthorizers;
  decryptSecret: typeof import("../../lib/secrets").decryptSecret;
  encryptSecret: typeof import("../../lib/secrets").encryptSecret;
  hashSecret: typeof import("../../lib/secrets").hashSecret;
};

const db = () => stack.database.db;
type TCodedError = Error & { code?: string; details?: Record<string, unknown> };

const tokenCalls = (appid: string) =>
  stack.simulator.calls({ api: "api_authorizer_token" }).filter((call) => (call.body as Record<string, unknown>).authorizer_appid === appid)
    .length;

const infoCallsFor = (appid: string) =>
  stack.simulator
    .calls({ api: "api_get_authorizer_info" })
    .filter((call) => (call.body as Record<string, unknown>).authorizer_appid === appid).length;

const simulatorRefreshToken = (appid: string) =>
  stack.simulator.accounts().find((account) => account.appid === appid)!.authorization!.refreshToken;

/** A fresh simulated account, authorized through the `authorized` push the app exchanges. */
const authorizedAccount = async (kind: "official_account" | "mini_program" = "official_account") => {
  const [account] = stack.simulator.addAccounts(1, { kind });
  assert.equal((await stack.simulator.authorizeProgrammatically({ appid: account.appid }).delivery)!.ok, true);
  await eventually(
    async () => ((await db().authorizer.findFirst({ where: { appid: account.appid } }))?.accessToken ? true : undefined),
    `${account.appid} saved`,
  );
  return account.appid;
};

/** Moves the stored access token to expire in `minutes`, so the next getAuthorizerAccessToken refreshes. */
const expireIn = (appid: string, minutes: number) =>
  db().authorizer.updateMany({ where: { appid }, data: { accessTokenExpiresAt: new Date(Date.now() + minutes * 60_000) } });

const tokenColumns = (appid: string) =>
  db().authorizer.findFirstOrThrow({
    where: { appid },
    select: { accessToken: true, accessTokenHash: true, accessTokenExpiresAt: true, refreshToken: true },
  });

before(async () => {
  stack = await startStack({ env: SHARED_ENV, simulator: { dailyQuota: 100_000 } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  lib = {
    ...(await import("../../lib/platform/authorizers/get-authorizer-access-token")),
    ...(await import("../../lib/platform/authorizers/refresh-authorizer-token")),
    ...(await import("../../lib/platform/authorization/import-authorizers")),
    ...(await import("../../lib/secrets")),
  };
  await stack.ready();
});

after(async () => stack?.stop());

describe("[TOKENS] getAuthorizerAccessToken and refresh", () => {
  it("serves the stored token while more than 15 minutes remain, then refreshes once and stores the answer encrypted", async () => {
    const appid = await authorizedAccount();
    const stored = await tokenColumns(appid);
    const served = await lib.getAuthorizerAccessToken({ platformKey: "", appid });
    assert.equal(lib.hashSecret(served.accessToken), stored.accessTokenHash);
    assert.equal(tokenCalls(appid), 0);

    await expireIn(appid, 14);
    const refreshed = await lib.getAuthorizerAccessToken({ platformKey: "", appid });
    assert.equal(tokenCalls(appid), 1);
    assert.notEqual(refreshed.accessToken, served.accessToken);
    assert.ok(refreshed.expiresAt.getTime() - Date.now() > 7000_000);
    const after = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.ok(!after.accessToken!.includes(refreshed.accessToken), "encrypted at rest");
    assert.equal(after.accessTokenHash, lib.hashSecret(refreshed.accessToken));
    assert.equal(after.lastRefreshOk, true);
    assert.equal(
      (await lib.getAuthorizerAccessToken({ platformKey: "", appid })).accessToken,
      refreshed.accessToken,
      "then served from storage again",
    );
    assert.equal(tokenCalls(appid), 1);
    const event = await db().event.findFirst({ where: { appid, kind: "token.refreshed" } });
    assert.ok(event && !JSON.stringify(event).includes(refreshed.accessToken));
    await assert.rejects(
      lib.getAuthorizerAccessToken({ platformKey: "", appid: "wx0000000000000000" }),
      (error: TCodedError) => error.code === "not_found",
    );
  });

  it("stores a rotated refresh token together with the new access token", async () => {
    const appid = await authorizedAccount();
    const original = lib.decryptSecret((await tokenColumns(appid)).refreshToken!);
    stack.simulator.setConfig({ rotateRefreshTokenOnRefresh: true });
    try {
      const first = await lib.refreshAuthorizerToken({ platformKey: "", appid, force: true, actor: "test" });
      const rotated = lib.decryptSecret((await tokenColumns(appid)).refreshToken!);
      assert.notEqual(rotated, original);
      assert.equal(rotated, simulatorRefreshToken(appid));
      const event = await db().event.findFirst({ where: { appid, kind: "token.refreshed" }, orderBy: { id: "desc" } });
      assert.equal(JSON.parse(event!.detail!).isRefreshTokenRotated, true);
      // The rotated token works (the old one is void at WeChat now).
      const second = await lib.refreshAuthorizerToken({ platformKey: "", appid, force: true });
      assert.notEqual(second.accessToken, first.accessToken);
      assert.equal(lib.decryptSecret((await tokenColumns(appid)).refreshToken!), simulatorRefreshToken(appid));
    } finally {
      stack.simulator.setConfig({ rotateRefreshTokenOnRefresh: false });
    }
  });

  it("61023 marks the account needs_reauthorization with the reason, keeps its refresh token and stops retrying", async () => {
    const appid = await authorizedAccount();
    const before = await tokenColumns(appid);
    // WeChat answers 61023 and api_get_authorizer_info holds no other refresh token: nothing to recover.
    const infoCalls = infoCallsFor(appid);
    stack.simulator.addFault({ api: "api_authorizer_token", mode: "errcode", errcode: 61023, match: { authorizer_appid: appid } });
    await assert.rejects(lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }), (error: TCodedError) => {
      assert.equal(error.code, "conflict");
      assert.equal(error.details?.status, "needs_reauthorization");
      assert.match(String(error.details?.reason), /61023/);
      return true;
    });
    const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.status, "needs_reauthorization");
    assert.match(row.statusReason!, /61023/);
    assert.equal(row.refreshToken, before.refreshToken, "never cleared");
    assert.equal(row.lastErrcode, 61023);
    assert.equal(row.nextRetryAt, null);
    const event = await db().event.findFirst({ where: { appid, kind: "token.refresh_failed" } });
    assert.equal(event?.errcode, 61023);
    assert.equal(infoCallsFor(appid), infoCalls + 1, "WeChat was asked for the current refresh token first");
    assert.equal(await db().event.count({ where: { appid, kind: "authorizer.refresh_token_recovered" } }), 0);
    const calls = tokenCalls(appid);
    await assert.rejects(
      lib.getAuthorizerAccessToken({ platformKey: "", appid }),
      (error: TCodedError) => error.code === "conflict" && error.details?.status === "needs_reauthorization",
    );
    await assert.rejects(
      lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }),
      (error: TCodedError) => error.code === "conflict",
    );
    assert.equal(tokenCalls(appid), calls, "no more calls to WeChat for it");
  });

  it("[RACE] a failed refresh answered after a re-authorization was saved writes nothing: the new authorization stands", async () => {
    for (const errcode of [61023, -1]) {
      const appid = await authorizedAccount();
      // WeChat answers the refresh slowly, and with a failure, while the merchant authorizes again.
      stack.simulator.addFault({ api: "api_authorizer_token", mode: "latency", latencyMs: 1200, match: { authorizer_appid: appid } });
      stack.simulator.addFault({ api: "api_authorizer_token", mode: "errcode", errcode, match: { authorizer_appid: appid } });
      const refreshing = lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }).then(
        (token) => ({ token }),
        (error: TCodedError) => ({ error }),
      );
      await eventually(async () => (tokenCalls(appid) === 1 ? true : undefined), "the refresh reached WeChat");
      assert.equal((await stack.simulator.authorizeProgrammatically({ appid }).delivery)!.ok, true);
      const reauthorized = simulatorRefreshToken(appid);
      await eventually(
        async () => (lib.decryptSecret((await tokenColumns(appid)).refreshToken!) === reauthorized ? true : undefined),
        "the re-authorization saved",
      );
      const saved = await db().authorizer.findFirstOrThrow({ where: { appid } });

      const outcome = await refreshing;
      const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
      assert.equal(row.status, "authorized", `${errcode}: the old token's failure did not end the new authorization`);
      assert.equal(lib.decryptSecret(row.refreshToken!), reauthorized, `${errcode}: the new refresh token is kept`);
      assert.deepEqual(
        [row.accessTokenHash, row.refreshFailures, row.nextRetryAt, row.lastErrcode, row.statusReason],
        [saved.accessTokenHash, saved.refreshFailures, saved.nextRetryAt, saved.lastErrcode, saved.statusReason],
        `${errcode}: nothing of the failure was written`,
      );
      assert.equal(await db().event.count({ where: { appid, kind: "token.refresh_failed" } }), 0);
      if (errcode === 61023) {
        assert.ok("token" in outcome, "the caller gets the new authorization's token");
        assert.equal(lib.hashSecret(outcome.token.accessToken), row.accessTokenHash);
      } else {
        assert.ok("error" in outcome, "a transient failure is still reported to its caller");
      }
    }
  });

  it("[RECOVERY][RACE] a refresh token replaced behind wxopen's back is recovered once, by two instances refreshing at once", async () => {
    const appid = await authorizedAccount();
    const { createApiKey } = await import("../../lib/auth/api-keys");
    const adminKey = (await createApiKey({ name: `recovery-${appid}`, role: "admin" })).key;
    const replaced = stack.simulator.replaceRefreshToken(appid);
    const infoCalls = infoCallsFor(appid);

    // This test process and the app are two instances on one database; each forces a refresh at the same moment.
    const [inProcess, overHttp] = await Promise.all([
      lib.refreshAuthorizerToken({ platformKey: "", appid, force: true, actor: "test" }),
      fetch(`${stack.app.url}/api/v1/authorizers/${appid}/refresh`, { method: "POST", headers: { authorization: `Bearer ${adminKey}` } }),
    ]);
    assert.equal(overHttp.status, 200, await overHttp.text());
    assert.ok(inProcess.accessToken);

    const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.status, "authorized", row.statusReason ?? "");
    assert.equal(lib.decryptSecret(row.refreshToken!), replaced, "WeChat's current refresh token is stored");
    assert.equal(row.lastRefreshOk, true);
    assert.equal(infoCallsFor(appid), infoCalls + 1, "one api_get_authorizer_info across both instances");
    assert.equal(await db().event.count({ where: { appid, kind: "authorizer.refresh_token_recovered" } }), 1);
    assert.equal(
      await db().event.count({ where: { appid, kind: { in: ["token.refresh_failed", "authorizer.needs_reauthorization"] } } }),
      0,
    );
    const recovered = await db().event.findFirstOrThrow({ where: { appid, kind: "authorizer.refresh_token_recovered" } });
    assert.ok(!JSON.stringify(recovered).includes(replaced), "the event does not carry the token");
    assert.ok(!stack.app.output().includes(replaced), "the log does not carry the token");
    // The stored token is the live one: WeChat serves the next refresh with it.
    await lib.refreshAuthorizerToken({ platformKey: "", appid, force: true, actor: "test" });
    assert.equal((await db().authorizer.findFirstOrThrow({ where: { appid } })).status, "authorized");
  });

  it("[RECOVERY] a recovered refresh token that WeChat rejects too ends the authorization, keeping the recovered token", async () => {
    const appid = await authorizedAccount();
    const replaced = stack.simulator.replaceRefreshToken(appid);
    stack.simulator.addFault({
      api: "api_authorizer_token",
      mode: "errcode",
      errcode: 61023,
      match: { authorizer_appid: appid },
      times: 2,
    });
    await assert.rejects(
      lib.refreshAuthorizerToken({ platformKey: "", appid, force: true, actor: "test" }),
      (error: TCodedError) => error.code === "conflict" && error.details?.status === "needs_reauthorization",
    );
    const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.status, "needs_reauthorization");
    assert.equal(lib.decryptSecret(row.refreshToken!), replaced, "the recovered token is kept, never cleared");
    assert.equal(await db().event.count({ where: { appid, kind: "authorizer.refresh_token_recovered" } }), 1);
    assert.equal(tokenCalls(appid), 2, "one retry with the recovered token, no more");
  });

  it("42007 needs re-authorization and 61003 means unauthorized", async () => {
    for (const [errcode, status] of [
      [42007, "needs_reauthorization"],
      [61003, "unauthorized"],
    ] as const) {
      const appid = await authorizedAccount();
      const before = await tokenColumns(appid);
      stack.simulator.addFault({ api: "api_authorizer_token", mode: "errcode", errcode, match: { authorizer_appid: appid } });
      await assert.rejects(
        lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }),
        (error: TCodedError) => error.code === "conflict" && error.details?.status === status,
      );
      const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
      assert.equal(row.status, status);
      assert.equal(row.refreshToken, before.refreshToken);
      assert.equal(row.accessToken, null, `${errcode}: the access token is dead too`);
    }
  });

  it("a fault mid-refresh (HTTP 502, dropped connection, errcode -1, 45011, timeout) leaves the stored tokens intact and backs off", async () => {
    const appid = await authorizedAccount();
    const faults = [
      { mode: "http", status: 502 },
      { mode: "drop" },
      { mode: "errcode", errcode: -1 },
      { mode: "errcode", errcode: 45011 },
      { mode: "latency", latencyMs: 2500 },
    ] as const;
    const stored = await tokenColumns(appid);
    for (const [index, fault] of faults.entries()) {
      stack.simulator.addFault({ api: "api_authorizer_token", ...fault, match: { authorizer_appid: appid } });
      await assert.rejects(lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }), `${fault.mode} fails the refresh`);
      assert.deepEqual(await tokenColumns(appid), stored, `${JSON.stringify(fault)} changed nothing stored`);
      const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
      assert.equal(row.status, "authorized");
      assert.equal(row.refreshFailures, index + 1);
      assert.equal(row.lastRefreshOk, false);
      assert.ok(row.nextRetryAt && row.nextRetryAt.getTime() > Date.now(), "retried later");
      if (fault.mode === "errcode") assert.equal(row.lastErrcode, fault.errcode);
    }
    const delays = (await db().event.findMany({ where: { appid, kind: "token.refresh_failed" }, orderBy: { id: "asc" } })).map(
      (event) => new Date(JSON.parse(event.detail!).nextRetryAt).getTime() - event.at.getTime(),
    );
    assert.ok(
      delays.every((delay, index) => index === 0 || delay > delays[index - 1]),
      `exponential backoff: ${delays}`,
    );
    // While backing off, the still-valid stored token is served without calling WeChat.
    await expireIn(appid, 10);
    const calls = tokenCalls(appid);
    assert.equal(lib.hashSecret((await lib.getAuthorizerAccessToken({ platformKey: "", appid })).accessToken), stored.accessTokenHash);
    assert.equal(tokenCalls(appid), calls);
    stack.simulator.clearFaults();
    await lib.refreshAuthorizerToken({ platformKey: "", appid, force: true });
    const row = await db().authorizer.findFirstOrThrow({ where: { appid } });
    assert.equal(row.refreshFailures, 0);
    assert.equal(row.nextRetryAt, null);
    assert.equal(row.lastRefreshOk, true);
  });

  it("concurrent refreshes of one appid make one api_authorizer_token call", async () => {
    const appid = await authorizedAccount();
    await expireIn(appid, 5);
    stack.simulator.addFault({
      api: "api_authorizer_token",
      mode: "latency",
      latencyMs: 800,
      times: -1,
      match: { authorizer_appid: appid },
    });
    try {
      // Same key (singleFlight), and a forced and an unforced one (different keys, so the database lease decides).
      const results = await Promise.all([
        lib.getAuthorizerAccessToken({ platformKey: "", appid }),
        lib.getAuthorizerAccessToken({ platformKey: "", appid }),
        lib.refreshAuthorizerToken({ platformKey: "", appid }),
        lib.refreshAuthorizerToken({ platformKey: "", appid, force: true }),
      ]);
      assert.equal(tokenCalls(appid), 1);
      assert.equal(new Set(results.map((result) => result.accessToken)).size, 1, "everyone got the one new token");
    } finally {
      stack.simulator.clearFaults();
    }
  });

  it("waits for another instance that holds the refresh lease and answers its result", async () => {
    const appid = await authorizedAccount();
    await expireIn(appid, 5);
    // The other instance holds the account's refresh lease (the two columns on its row).
    await db().authorizer.updateMany({
      where: { appid },
      data: { refreshLeaseHolder: "other-instance:1", refreshLeaseUntil: new Date(Date.now() + 30_000) },
    });
    const waiting = lib.getAuthorizerAccessToken({ platformKey: "", appid });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The other instance stores its new token, then lets go.
    const theirs = `other-instance-token-${randomBytes(8).toString("hex")}`;
    await db().authorizer.updateMany({
      where: { appid },
      data: {
        accessToken: lib.encryptSecret(theirs),
        accessTokenHash: lib.hashSecret(theirs),
        accessTokenExpiresAt: new Date(Date.now() + 7200_000),
        lastRefreshAt: new Date(),
        lastRefreshOk: true,
        refreshLeaseHolder: null,
        refreshLeaseUntil: null,
      },
    });
    assert.equal((await waiting).accessToken, theirs);
    assert.equal(tokenCalls(appid), 0);
  });
});

describe("[TOKENS] importAuthorizers", () => {
  it("pages through api_get_authorizer_list and adds every authorization with its refresh token and profile", async () => {
    const known = await authorizedAccount();
    const knownBefore = await db().authorizer.findFirstOrThrow({ where: { appid: known } });
    // 502 authorizations the app has never seen: more than one page of 500.
    const fresh = stack.simulator.addAccounts(502, { authorize: true });
    stack.simulator.clearCalls();
    const result = await lib.importAuthorizers({ actor: "test" });
    const active = stack.simulator.accounts().filter((account) => account.authorization?.isActive);
    assert.equal(result.total, active.length);
    assert.ok(result.created >= fresh.length);
    assert.equal(result.created + result.updated, active.length);
    assert.deepEqual(
      stack.simulator.calls({ api: "api_get_authorizer_list" }).map((call) => (call.body as { offset: number; count: number }).offset),
      [0, 500],
    );
    assert.ok(stack.simulator.calls({ api: "api_get_authorizer_list" }).every((call) => (call.body as { count: number }).count === 500));

    for (const account of [fresh[0], fresh[1], fresh[501]]) {
      const row = await db().authorizer.findFirstOrThrow({ where: { appid: account.appid }, include: { scopes: true } });
      assert.equal(row.status, "authorized");
      assert.equal(row.nickName, account.nickName);
      assert.equal(row.kind, account.kind);
      assert.equal(lib.decryptSecret(row.refreshToken!), simulatorRefreshToken(account.appid));
      assert.ok(row.scopes.length > 0);
    }
    const knownAfter = await db().authorizer.findFirstOrThrow({ where: { appid: known } });
    assert.equal(
      lib.decryptSecret(knownAfter.refreshToken!),
      lib.decryptSecret(knownBefore.refreshToken!),
      "an existing refresh token is kept",
    );
    assert.equal(knownAfter.accessTokenHash, knownBefore.accessTokenHash);
    // The imported tokens work: a refresh with the imported refresh token succeeds.
    assert.ok((await lib.getAuthorizerAccessToken({ platformKey: "", appid: fresh[0].appid })).accessToken);
    const event = await db().event.findFirst({ where: { kind: "authorizer.imported" }, orderBy: { id: "desc" } });
    assert.equal(JSON.parse(event!.detail!).created, result.created);
  });

  it("a WeChat error stops the import and is recorded with its errcode (45009 reaches the overview)", async () => {
    stack.simulator.addFault({ api: "api_get_authorizer_list", mode: "errcode", errcode: 45009, times: 1 });
    await assert.rejects(lib.importAuthorizers({ actor: "test" }), (error: Error & { errcode?: number }) => error.errcode === 45009);
    const event = await db().event.findFirst({ where: { kind: "authorizer.imported" }, orderBy: { id: "desc" } });
    assert.equal(event?.outcome, "error");
    assert.equal(event?.errcode, 45009);
  });
});
