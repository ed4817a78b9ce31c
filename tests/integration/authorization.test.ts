import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED_ACCOUNTS } from "../../simulator";
import { eventually } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";
import { accountForm, authorizeOnPc as authorizeThroughPage } from "../helpers/wechat-page";

// The merchant's whole path through real HTTP: invitation page → our /pc route → the simulator's page → the
// redirect back → success page; plus the push/redirect race, re-authorization, cancellation and bad callbacks.
// Lib functions without an HTTP route of their own are called in this process against the same database.

const coffee = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Demo Coffee"))!;
const harbor = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Harbor News"))!;
const lotus = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Lotus Books"))!;
const mall = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Bamboo Mall"))!;
const panda = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Panda Fitness"))!;

let stack: TStack;
let lib: {
  createAuthorizationLink: typeof import("../../lib/platform/authorization/create-authorization-link").createAuthorizationLink;
  getAuthorizerAccessToken: typeof import("../../lib/platform/authorizers/get-authorizer-access-token").getAuthorizerAccessToken;
  decryptSecret: typeof import("../../lib/secrets").decryptSecret;
  hashSecret: typeof import("../../lib/secrets").hashSecret;
};

const db = () => stack.database.db;
const appUrl = (path: string) => new URL(path, stack.app.url).toString();
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: "manual" });

const newLink = (options: Partial<Parameters<typeof lib.createAuthorizationLink>[0]> = {}) =>
  lib.createAuthorizationLink({ authType: 3, createdBy: { userId: null, label: "integration test" }, ...options });

/** Opens the invitation, uses "Authorize on PC", and confirms `appid` on the simulator's page; answers the callback URL. */
const authorizeOnPc = (token: string, appid: string, funcIds?: number[]) =>
  authorizeThroughPage({ appUrl: stack.app.url, simulatorUrl: stack.simulator.url, token, appid, funcIds });

const queryAuthCallsFor = (code: string) =>
  stack.simulator.calls({ api: "api_query_auth" }).filter((call) => (call.body as Record<string, unknown>).authorization_code === code);

const currentRefreshToken = (appid: string) =>
  stack.simulator.accounts().find((account) => account.appid === appid)!.authorization!.refreshToken;

const snapshot = async () => ({
  authorizers: await db().authorizer.findMany({ orderBy: { appid: "asc" }, include: { scopes: true } }),
  links: await db().authorizationLink.findMany({ orderBy: { id: "asc" } }),
});

before(async () => {
  stack = await startStack();
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  lib = {
    ...(await import("../../lib/platform/authorization/create-authorization-link")),
    ...(await import("../../lib/platform/authorizers/get-authorizer-access-token")),
    ...(await import("../../lib/secrets")),
  };
  await stack.ready();
});

after(async () => stack?.stop());

describe("[AUTHORIZATION] links and the merchant's page", () => {
  it("rejects bad link options with a bad_request a person can act on", async () => {
    await assert.rejects(
      newLink({ authType: 7 }),
      (error: Error & { code?: string }) => error.code === "bad_request" && /authType/.test(error.message),
    );
    await assert.rejects(
      newLink({ bizAppid: "gh_123" }),
      (error: Error & { code?: string }) => error.code === "bad_request" && /bizAppid/.test(error.message),
    );
    await assert.rejects(newLink({ categoryIds: [1, -2] }), (error: Error & { code?: string }) => error.code === "bad_request");
    await assert.rejects(newLink({ createdBy: { label: " " } }), (error: Error & { code?: string }) => error.code === "bad_request");
  });

  it("creates a link with a separate random state and shows the requested scopes by name", async () => {
    const link = await newLink({ authType: 3, categoryIds: [17, 1, 2], expiresInDays: 3 });
    assert.equal(link.inviteUrl, `${stack.app.url}/authorize/${link.token}`);
    assert.ok(Math.abs(link.expiresAt.getTime() - (Date.now() + 3 * 86_400_000)) < 60_000);
    const row = await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } });
    assert.match(row.state, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(row.state, row.token);
    assert.equal(row.categoryIds, "1|2|17");
    const event = await db().event.findFirst({ where: { kind: "authorization.link_created" }, orderBy: { id: "desc" } });
    assert.equal(JSON.parse(event!.detail!).linkId, link.id);
    assert.ok(
      !JSON.stringify(event).includes(row.state) && !JSON.stringify(event).includes(row.token),
      "the event holds neither token nor state",
    );

    const page = await get(link.inviteUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const name of [
      "消息管理权限",
      "用户管理权限",
      "帐号管理权限（小程序）",
      "Message management",
      "公众号",
      "小程序",
      "电脑端授权 Authorize on PC",
    ]) {
      assert.ok(html.includes(name), `page shows ${name}`);
    }
    assert.ok(html.includes(`action="/authorize/${link.token}/pc"`), "the PC button posts to our /pc route");
    assert.ok(html.includes(`${stack.app.url}/authorize/${link.token}/mobile`), "the phone link is shown");
    assert.match(html, /<img[^>]+src="data:image\/svg\+xml/, "a server-rendered QR code");
    assert.equal(page.headers.get("referrer-policy"), null, "no no-referrer policy: WeChat checks the Referer");
  });

  it("answers unknown, expired and used invitations with a friendly 404/410 page, never a stack trace", async () => {
    const unknown = await get(appUrl(`/authorize/${"x".repeat(32)}`));
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /找不到这个授权链接[\s\S]*ask the platform operator for a new link/);

    const expired = await newLink();
    await db().authorizationLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expiredPage = await get(expired.inviteUrl);
    assert.equal(expiredPage.status, 404);
    assert.match(await expiredPage.text(), /这个授权链接已失效[\s\S]*has expired/);
    const expiredStart = await fetch(appUrl(`/authorize/${expired.token}/pc`), { method: "POST", redirect: "manual" });
    assert.equal(expiredStart.status, 410);
    assert.match(expiredStart.headers.get("content-type")!, /text\/html/);
    assert.match(await expiredStart.text(), /has expired/);

    // WeChat refusing a pre_auth_code: a clear error page, and the failure in the event log with its errcode.
    const refused = await newLink();
    stack.simulator.addFault({ api: "api_create_preauthcode", mode: "errcode", errcode: 45009, times: 1 });
    const refusedStart = await fetch(appUrl(`/authorize/${refused.token}/pc`), { method: "POST", redirect: "manual" });
    assert.ok(refusedStart.status >= 500, `status ${refusedStart.status}`);
    const failure = await db().event.findFirst({ where: { kind: "authorization.failed", detail: { contains: refused.id } } });
    assert.equal(failure?.errcode, 45009);

    const used = await newLink();
    await db().authorizationLink.update({ where: { id: used.id }, data: { usedAt: new Date() } });
    assert.match(await (await get(used.inviteUrl)).text(), /already been used/);
    assert.equal((await get(appUrl(`/authorize/${used.token}/mobile`))).status, 410);
  });
});

describe("[AUTHORIZATION] the PC path end to end", () => {
  it("link → page → /pc (fresh pre_auth_code) → WeChat page → redirect → success page, with profile, scopes and an encrypted refresh token", async () => {
    const preAuthCalls = stack.simulator.calls({ api: "api_create_preauthcode" }).length;
    const link = await newLink({ authType: 3, categoryIds: [1, 2, 17] });
    assert.equal(
      stack.simulator.calls({ api: "api_create_preauthcode" }).length,
      preAuthCalls,
      "no pre_auth_code is made when the link is",
    );
    const { callbackUrl } = await authorizeOnPc(link.token, coffee.appid);
    assert.equal(
      stack.simulator.calls({ api: "api_create_preauthcode" }).length,
      preAuthCalls + 1,
      "one pre_auth_code, made when the button was used",
    );
    const callback = new URL(callbackUrl);
    assert.equal(`${callback.origin}${callback.pathname}`, `${stack.app.url}/api/wechat/authorize/callback`);
    const row = await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } });
    assert.equal(callback.searchParams.get("state"), row.state);
    const authCode = callback.searchParams.get("auth_code")!;

    const answer = await get(callbackUrl);
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get("location"), `/authorize/done/${link.token}`);
    const done = await get(appUrl(answer.headers.get("location")!));
    assert.equal(done.status, 200);
    const doneHtml = await done.text();
    assert.ok(doneHtml.includes("授权成功") && doneHtml.includes(coffee.nickName), "the success page names the account");
    assert.ok(doneHtml.includes(`/__sim/avatar/${coffee.appid}.svg`), "and shows its avatar");

    const authorizer = await db().authorizer.findFirstOrThrow({
      where: { appid: coffee.appid },
      include: { scopes: { orderBy: { scopeId: "asc" } } },
    });
    assert.equal(authorizer.kind, "official_account");
    assert.equal(authorizer.status, "authorized");
    assert.equal(authorizer.nickName, coffee.nickName);
    assert.equal(authorizer.principalName, coffee.principalName);
    assert.equal(authorizer.userName, coffee.userName);
    assert.equal(authorizer.serviceType, coffee.serviceTypeId);
    assert.equal(authorizer.verifyType, coffee.verifyTypeId);
    assert.match(authorizer.qrcodeUrl, /\/__sim\/qrcode\//);
    assert.deepEqual(
      authorizer.scopes.map((scope) => scope.scopeId),
      [1, 2],
    );
    const refreshToken = currentRefreshToken(coffee.appid);
    assert.ok(authorizer.refreshToken && !authorizer.refreshToken.includes(refreshToken), "the refresh token is not stored in plaintext");
    assert.equal(lib.decryptSecret(authorizer.refreshToken), refreshToken);
    assert.ok(authorizer.accessToken && authorizer.accessTokenHash === lib.hashSecret(lib.decryptSecret(authorizer.accessToken)));
    assert.ok(authorizer.accessTokenExpiresAt!.getTime() - Date.now() > 7000_000);
    const used = await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } });
    assert.ok(used.usedAt);
    assert.equal(used.authorizerAppid, coffee.appid);

    // The simulator pushed `authorized` with the same code at the same moment: exactly one exchange happened.
    await eventually(
      async () =>
        (await db().authCodeClaim.findUnique({ where: { codeHash: lib.hashSecret(authCode) } }))?.status === "done" ? true : undefined,
      "claim done",
    );
    await eventually(
      () => (stack.simulator.deliveries().some((delivery) => delivery.authorizerAppid === coffee.appid && delivery.ok) ? true : undefined),
      "push answered success",
    );
    assert.equal(queryAuthCallsFor(authCode).length, 1);
    const events = await db().event.findMany({ where: { appid: coffee.appid } });
    assert.equal(events.filter((event) => event.kind === "authorization.exchanged").length, 1);
    const exchanged = JSON.parse(events.find((event) => event.kind === "authorization.exchanged")!.detail!);
    assert.deepEqual(exchanged.scopes, [
      { id: 1, name: "消息管理权限" },
      { id: 2, name: "用户管理权限" },
    ]);
    const started = await db().event.findFirst({ where: { kind: "authorization.started", detail: { contains: used.id } } });
    assert.match(started?.message ?? "", /PC authorization page/);
    const everything = JSON.stringify(await db().event.findMany());
    assert.ok(
      !everything.includes(refreshToken) &&
        !everything.includes(authCode) &&
        !everything.includes(lib.decryptSecret(authorizer.accessToken!)),
      "no secret in the event log",
    );

    // Reloading the callback shows the success page again instead of an error.
    assert.equal((await get(callbackUrl)).status, 303);
  });

  it("the phone path: /mobile makes a fresh pre_auth_code and redirects to the bindcomponent link", async () => {
    const link = await newLink({ authType: 2 });
    const start = await get(appUrl(`/authorize/${link.token}/mobile`));
    assert.equal(start.status, 302);
    const location = start.headers.get("location")!;
    assert.ok(location.startsWith(`${stack.simulator.url}/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&`), location);
    assert.ok(location.endsWith("#wechat_redirect"));
    const page = await get(location, { "user-agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0.50" });
    const html = await page.text();
    assert.doesNotMatch(html, /data-sim-error/);
    const { action, fields } = accountForm(html, mall.appid);
    const confirmed = await fetch(new URL(action, stack.simulator.url), { method: "POST", body: fields, redirect: "manual" });
    const answer = await get(confirmed.headers.get("location")!);
    assert.equal(answer.status, 303);
    const authorizer = await db().authorizer.findFirstOrThrow({ where: { appid: mall.appid } });
    assert.equal(authorizer.kind, "mini_program");
  });
});

describe("[AUTHORIZATION] the push and the redirect race for one code", () => {
  const claimOf = (code: string) => db().authCodeClaim.findUnique({ where: { codeHash: lib.hashSecret(code) } });

  const expectOneExchange = async (appid: string, code: string, linkId: string, winner: "push" | "redirect") => {
    const claim = await eventually(async () => ((await claimOf(code))?.status === "done" ? claimOf(code) : undefined), "claim done");
    assert.equal(claim!.source, winner, `the ${winner} claimed the code first`);
    assert.equal(queryAuthCallsFor(code).length, 1, "exactly one api_query_auth call");
    assert.equal(await db().event.count({ where: { appid, kind: { in: ["authorization.exchanged", "authorization.updated"] } } }), 1);
    assert.equal(await db().event.count({ where: { appid, kind: "authorization.failed" } }), 0);
    assert.equal((await db().authorizationLink.findUniqueOrThrow({ where: { id: linkId } })).authorizerAppid, appid);
    assert.doesNotMatch(stack.app.output(), /push_exchange_failed|follow_up_failed/, "the push's exchange did not fail either");
  };

  it("push first, redirect while it exchanges: one api_query_auth call, both succeed", async () => {
    const link = await newLink();
    const state = (await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } })).state;
    // A slow exchange makes sure the second arrival finds the first one still working.
    stack.simulator.addFault({ api: "api_query_auth", mode: "latency", latencyMs: 1500, times: 1 });
    const { authCode, delivery } = stack.simulator.authorizeProgrammatically({ appid: harbor.appid, funcIds: [1, 7, 15] });
    await eventually(async () => ((await claimOf(authCode)) ? true : undefined), "the push claimed the code");
    const [callback, pushed] = await Promise.all([
      get(appUrl(`/api/wechat/authorize/callback?state=${state}&auth_code=${encodeURIComponent(authCode)}&expires_in=600`)),
      delivery!,
    ]);
    assert.equal(callback.status, 303, await callback.clone().text());
    assert.equal(pushed.ok, true);
    await expectOneExchange(harbor.appid, authCode, link.id, "push");
  });

  it("redirect first, push while it exchanges: one api_query_auth call, both succeed", async () => {
    const [account] = stack.simulator.addAccounts(1, { kind: "mini_program" });
    const link = await newLink();
    const state = (await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } })).state;
    stack.simulator.addFault({ api: "api_query_auth", mode: "latency", latencyMs: 1500, times: 1 });
    const { authCode } = stack.simulator.authorizeProgrammatically({ appid: account.appid, shouldPush: false });
    const callback = get(appUrl(`/api/wechat/authorize/callback?state=${state}&auth_code=${encodeURIComponent(authCode)}&expires_in=600`));
    await eventually(async () => ((await claimOf(authCode)) ? true : undefined), "the redirect claimed the code");
    const pushed = await stack.simulator.push({
      InfoType: "authorized",
      AuthorizerAppid: account.appid,
      AuthorizationCode: authCode,
      AuthorizationCodeExpiredTime: Math.floor(Date.now() / 1000) + 600,
    });
    assert.equal(pushed.ok, true, "WeChat gets success at once, before the exchange ends");
    assert.equal((await callback).status, 303);
    // The push's follow-up polls the claim every 150 ms; two polls later it has read the redirect's result (or logged a failure).
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expectOneExchange(account.appid, authCode, link.id, "redirect");
  });
});

describe("[AUTHORIZATION] re-authorization, updateauthorized and cancellation", () => {
  it("re-authorizing updates the same record: new refresh token, new access token, history with scopes added and removed", async () => {
    const { callbackUrl } = await authorizeOnPc((await newLink({ authType: 1 })).token, lotus.appid, [1, 2, 3]);
    assert.equal((await get(callbackUrl)).status, 303);
    const first = await db().authorizer.findFirstOrThrow({ where: { appid: lotus.appid } });
    const firstRefresh = lib.decryptSecret(first.refreshToken!);

    const { delivery } = stack.simulator.authorizeProgrammatically({ appid: lotus.appid, funcIds: [1, 3, 11] });
    assert.equal((await delivery!).infoType, "updateauthorized");
    const updated = await eventually(
      async () => (await db().event.findFirst({ where: { appid: lotus.appid, kind: "authorization.updated" } })) ?? undefined,
      "updated event",
    );
    const detail = JSON.parse(updated.detail!);
    assert.deepEqual(detail.added, [{ id: 11, name: "素材管理权限" }]);
    assert.deepEqual(detail.removed, [{ id: 2, name: "用户管理权限" }]);

    const second = await db().authorizer.findFirstOrThrow({
      where: { appid: lotus.appid },
      include: { scopes: { orderBy: { scopeId: "asc" } } },
    });
    assert.deepEqual(
      second.scopes.map((scope) => scope.scopeId),
      [1, 3, 11],
    );
    assert.notEqual(second.accessTokenHash, first.accessTokenHash, "the stale access token was replaced at once");
    assert.equal(
      lib.decryptSecret(second.refreshToken!),
      currentRefreshToken(lotus.appid),
      "the stored refresh token is WeChat's current one",
    );
    assert.notEqual(lib.decryptSecret(second.refreshToken!), firstRefresh, "re-authorization replaced the old refresh token");
    assert.equal(await db().authorizer.count({ where: { appid: lotus.appid } }), 1);
  });

  it("an unauthorized push keeps the row and its refresh token, clears the access token, and stops serving tokens", async () => {
    const [account] = stack.simulator.addAccounts(1, { kind: "official_account" });
    await stack.simulator.authorizeProgrammatically({ appid: account.appid }).delivery;
    const before = await eventually(
      async () => (await db().authorizer.findFirst({ where: { appid: account.appid } })) ?? undefined,
      "authorized by push",
    );
    assert.ok((await lib.getAuthorizerAccessToken({ platformKey: "", appid: account.appid })).accessToken);

    const delivery = await stack.simulator.cancelAuthorization(account.appid);
    assert.equal(delivery.ok, true);
    const row = await db().authorizer.findFirstOrThrow({ where: { appid: account.appid } });
    assert.equal(row.status, "unauthorized");
    assert.ok(row.unauthorizedAt);
    assert.equal(row.accessToken, null);
    assert.equal(row.refreshToken, before.refreshToken, "the refresh token is kept (history)");
    await assert.rejects(
      lib.getAuthorizerAccessToken({ platformKey: "", appid: account.appid }),
      (error: Error & { code?: string; details?: Record<string, unknown> }) => {
        assert.equal(error.code, "conflict");
        assert.equal(error.details?.status, "unauthorized");
        assert.match(error.message, /cancelled/);
        return true;
      },
    );
    assert.equal(await db().event.count({ where: { appid: account.appid, kind: "authorization.cancelled" } }), 1);
  });

  it("notify_third_fasteregister with status 0 exchanges its auth_code like authorized", async () => {
    const { authCode } = stack.simulator.authorizeProgrammatically({ appid: panda.appid, shouldPush: false });
    const delivery = await stack.simulator.push({
      InfoType: "notify_third_fasteregister",
      appid: panda.appid,
      status: 0,
      auth_code: authCode,
      msg: "OK",
    });
    assert.equal(delivery.ok, true);
    const row = await eventually(
      async () => (await db().authorizer.findFirst({ where: { appid: panda.appid } })) ?? undefined,
      "fast-registered mini program saved",
    );
    assert.equal(row.kind, "mini_program");
    assert.equal(queryAuthCallsFor(authCode).length, 1);
  });
});

describe("[AUTHORIZATION] bad callback input gets a clear page and changes nothing", () => {
  const callback = (query: Record<string, string>) => get(appUrl(`/api/wechat/authorize/callback?${new URLSearchParams(query)}`));

  const expectPage = async (response: Response, status: number, text: RegExp) => {
    assert.equal(response.status, status);
    assert.match(response.headers.get("content-type")!, /text\/html/);
    const html = await response.text();
    assert.match(html, text);
    assert.doesNotMatch(html, /at .+\.(js|ts):\d+/, "no stack trace");
  };

  it("missing, unknown, expired and reused state; missing auth_code; WeChat answering 61009", async () => {
    const [account, other] = stack.simulator.addAccounts(2, { kind: "official_account" });
    const code = () => stack.simulator.authorizeProgrammatically({ appid: account.appid, shouldPush: false }).authCode;
    const open = await newLink();
    const openState = (await db().authorizationLink.findUniqueOrThrow({ where: { id: open.id } })).state;
    const expired = await newLink();
    const expiredRow = await db().authorizationLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await snapshot();

    await expectPage(await callback({ auth_code: code(), expires_in: "600" }), 400, /no state/);
    await expectPage(await callback({ state: "A".repeat(32), auth_code: code() }), 404, /does not match any authorization invitation/);
    await expectPage(await callback({ state: expiredRow.state, auth_code: code() }), 410, /expired/);
    await expectPage(await callback({ state: openState }), 400, /did not send an authorization code/);
    await expectPage(await callback({ state: openState, auth_code: "queryauthcode@@@not-a-real-code" }), 400, /61009/);
    assert.deepEqual(await snapshot(), before, "nothing changed");
    assert.equal(
      await db().event.count({ where: { kind: "authorization.failed", errcode: 61009 } }),
      1,
      "the failed exchange is on the record",
    );

    // A used invitation: a second code on the same state is refused and the second account is not saved.
    assert.equal((await callback({ state: openState, auth_code: code() })).status, 303);
    const afterUse = await snapshot();
    await expectPage(
      await callback({
        state: openState,
        auth_code: stack.simulator.authorizeProgrammatically({ appid: other.appid, shouldPush: false }).authCode,
      }),
      410,
      /already been used/,
    );
    assert.deepEqual(await snapshot(), afterUse);
    assert.equal(await db().authorizer.count({ where: { appid: other.appid } }), 0);
  });
});
