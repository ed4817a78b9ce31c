import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { RELEASE_CHECK_ACCOUNTS } from "../lib/wechat/release-check";
import { xmlText, type TXmlObject } from "../lib/wechat/xml";
import { SEED_ACCOUNTS } from "./accounts";
import type { TSimulatorConfig } from "./config";
import { answerLikeAReleasedPlatform, passiveText, startFakePlatform, type TPlatformCredentials } from "./platform-test-support";
import { APP_ORIGIN, SECOND_PLATFORM_CREDENTIALS as B, startHarness, TEST_CREDENTIALS as A } from "./test-support";

// One account authorizing two platforms (§12): each authorization has its own codes, refresh token, access tokens,
// permission sets and pushes, and cancelling one leaves the other working.

const coffee = SEED_ACCOUNTS.find((account) => account.kind === "official_account")!;
const mall = SEED_ACCOUNTS.find((account) => account.kind === "mini_program")!;

/** A component API called as one platform: its token, and its component_appid unless the body names another. */
type TComponentCall = (name: string, body?: Record<string, unknown>) => Promise<Record<string, any>>;

/**
 * A simulator playing the primary platform A (pushes to the harness receiver, messages to fake platform `a`) and an
 * added platform B (pushes and messages to fake platform `b`), with a component token of each.
 */
const startTwoPlatforms = async (t: TestContext, config: TSimulatorConfig = {}) => {
  const [a, b] = [await startFakePlatform(A), await startFakePlatform(B)];
  t.after(() => Promise.all([a.close(), b.close()]));
  const harness = await startHarness(t, { messageUrl: a.messageUrl, ...config });
  const { simulator, api } = harness;
  simulator.addPlatform({ ...B, notifyUrl: b.notifyUrl, messageUrl: b.messageUrl });
  const tokenA = await harness.componentToken();
  await simulator.pushTicket(B.componentAppid);
  const ticketB = simulator.platforms().find((platform) => platform.componentAppid === B.componentAppid)?.latestTicket?.ticket;
  const tokenB = (
    await api("api_component_token", {
      component_appid: B.componentAppid,
      component_appsecret: B.componentAppsecret,
      component_verify_ticket: ticketB,
    })
  ).component_access_token as string;
  const callAs =
    (credentials: TPlatformCredentials, token: string): TComponentCall =>
    (name, body = {}) =>
      api(name, { component_appid: credentials.componentAppid, ...body }, { component_access_token: token });
  return { ...harness, a, b, asA: callAs(A, tokenA), asB: callAs(B, tokenB) };
};

const refresh = (as: TComponentCall, refreshToken: string) =>
  as("api_authorizer_token", { authorizer_appid: coffee.appid, authorizer_refresh_token: refreshToken });

const listed = async (as: TComponentCall) =>
  ((await as("api_get_authorizer_list", { offset: 0, count: 10 })).list as { authorizer_appid: string }[])
    .map((item) => item.authorizer_appid)
    .sort();

/** The errcode an account API answers with this authorizer token (0 when it works). */
const menuErrcode = async (simulatorUrl: string, accessToken: string) =>
  ((await (await fetch(`${simulatorUrl}/cgi-bin/menu/get?access_token=${accessToken}`)).json()).errcode as number | undefined) ?? 0;

describe("[SIMULATOR][PLATFORM AUTHORIZATIONS] one account, several platforms", () => {
  it("keeps the account's authorizations of two platforms apart: codes, refresh tokens, access tokens, scopes", async (t) => {
    const { simulator, asA, asB } = await startTwoPlatforms(t, { tokenOverlapSeconds: 0 });
    const codeA = simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false }).authCode;
    const codeB = simulator.authorizeProgrammatically({
      appid: coffee.appid,
      componentAppid: B.componentAppid,
      funcIds: [1],
      shouldPush: false,
    }).authCode;

    assert.equal((await asA("api_query_auth", { authorization_code: codeB })).errcode, 61009, "B's code is unknown to A");
    assert.equal((await asB("api_query_auth", { authorization_code: codeA })).errcode, 61009, "A's code is unknown to B");
    // component_appid must be the token's platform: another known platform's appid is no better than an unknown one.
    assert.equal((await asA("api_query_auth", { component_appid: B.componentAppid, authorization_code: codeA })).errcode, 40013);
    assert.equal((await asB("api_get_authorizer_list", { component_appid: A.componentAppid })).errcode, 40013);
    assert.equal((await asB("api_create_preauthcode", { component_appid: undefined })).errcode, 41002);

    const infoA = (await asA("api_query_auth", { authorization_code: codeA })).authorization_info;
    const infoB = (await asB("api_query_auth", { authorization_code: codeB })).authorization_info;
    assert.equal(infoB.authorizer_appid, coffee.appid);
    assert.notEqual(infoA.authorizer_refresh_token, infoB.authorizer_refresh_token);
    assert.notEqual(infoA.authorizer_access_token, infoB.authorizer_access_token);
    assert.deepEqual(infoB.func_info, [{ funcscope_category: { id: 1 } }]);
    assert.ok(infoA.func_info.length > 1, "A got the default sets, B only the one it was granted");
    const profileB = (await asB("api_get_authorizer_info", { authorizer_appid: coffee.appid })).authorization_info;
    assert.deepEqual([profileB.authorizer_refresh_token, profileB.func_info], [infoB.authorizer_refresh_token, infoB.func_info]);

    // Each platform refreshes with its own refresh token only, and its new token retires only its own older ones.
    assert.equal((await refresh(asB, infoA.authorizer_refresh_token)).errcode, 61023);
    assert.equal((await refresh(asA, infoB.authorizer_refresh_token)).errcode, 61023);
    const refreshedB = await refresh(asB, infoB.authorizer_refresh_token);
    assert.equal(refreshedB.authorizer_refresh_token, infoB.authorizer_refresh_token);
    assert.equal(await menuErrcode(simulator.url, infoB.authorizer_access_token), 40001, "replaced at once (no overlap)");
    assert.equal(await menuErrcode(simulator.url, infoA.authorizer_access_token), 0, "A's token is another family");
    assert.equal(simulator.retireAuthorizerTokens(coffee.appid), 1);
    assert.equal(await menuErrcode(simulator.url, infoA.authorizer_access_token), 40001);
    assert.equal(await menuErrcode(simulator.url, refreshedB.authorizer_access_token), 0);
    simulator.retireAuthorizerTokens(coffee.appid, B.componentAppid);
    assert.equal(await menuErrcode(simulator.url, refreshedB.authorizer_access_token), 40001);

    const view = simulator.accounts().find((account) => account.appid === coffee.appid)!;
    assert.equal(view.authorization?.refreshToken, infoA.authorizer_refresh_token, "`authorization` stays the primary's");
    assert.deepEqual(
      view.authorizations.map((item) => [item.componentAppid, item.refreshToken, item.isActive]),
      [
        [undefined, infoA.authorizer_refresh_token, true],
        [B.componentAppid, infoB.authorizer_refresh_token, true],
      ],
    );
    assert.deepEqual(simulator.state().activeAuthorizations, [coffee.appid]);
    assert.deepEqual(simulator.state().activeAuthorizationsByPlatform, {
      [A.componentAppid]: [coffee.appid],
      [B.componentAppid]: [coffee.appid],
    });

    simulator.replaceRefreshToken(coffee.appid, B.componentAppid);
    assert.equal((await refresh(asB, infoB.authorizer_refresh_token)).errcode, 61023);
    assert.ok((await refresh(asA, infoA.authorizer_refresh_token)).authorizer_access_token, "A's refresh token is untouched");
  });

  it("cancels one platform's authorization: unauthorized goes to that platform, the other keeps working", async (t) => {
    const { simulator, receiver, b, asA, asB } = await startTwoPlatforms(t);
    const codeA = simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false }).authCode;
    simulator.authorizeProgrammatically({ appid: mall.appid, shouldPush: false });
    const codeB = simulator.authorizeProgrammatically({
      appid: coffee.appid,
      componentAppid: B.componentAppid,
      shouldPush: false,
    }).authCode;
    const infoA = (await asA("api_query_auth", { authorization_code: codeA })).authorization_info;
    const infoB = (await asB("api_query_auth", { authorization_code: codeB })).authorization_info;
    assert.deepEqual(await listed(asA), [coffee.appid, mall.appid].sort());
    assert.deepEqual(await listed(asB), [coffee.appid]);

    const delivery = await simulator.cancelAuthorization(coffee.appid, B.componentAppid);
    assert.deepEqual([delivery.ok, delivery.url, delivery.infoType], [true, b.notifyUrl, "unauthorized"]);
    assert.deepEqual(
      b.pushes.map((push) => [xmlText(push, "InfoType"), xmlText(push, "AuthorizerAppid") ?? null]),
      [
        ["component_verify_ticket", null],
        ["unauthorized", coffee.appid],
      ],
    );
    assert.ok(!receiver.pushes.some((push) => xmlText(push.message, "InfoType") === "unauthorized"), "nothing to A");

    assert.equal((await refresh(asB, infoB.authorizer_refresh_token)).errcode, 61003);
    assert.equal((await asB("api_get_authorizer_info", { authorizer_appid: coffee.appid })).errcode, 61003);
    assert.equal(await menuErrcode(simulator.url, infoB.authorizer_access_token), 40001, "B's tokens died with it");
    assert.deepEqual(await listed(asB), []);
    assert.throws(() => simulator.cancelAuthorization(coffee.appid, B.componentAppid), /has no active authorization of platform/);

    // A's authorization is untouched: its token still sends customer-service messages.
    assert.deepEqual(await listed(asA), [coffee.appid, mall.appid].sort());
    const { openid } = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "在吗?" });
    const sent = await fetch(`${simulator.url}/cgi-bin/message/custom/send?access_token=${infoA.authorizer_access_token}`, {
      method: "POST",
      body: JSON.stringify({ touser: openid, msgtype: "text", text: { content: "在的" } }),
    });
    assert.deepEqual(await sent.json(), { errcode: 0, errmsg: "ok" });
    assert.equal((await refresh(asA, infoA.authorizer_refresh_token)).errcode, undefined);

    // The control routes take the platform as componentAppid.
    const control = async (path: string, body: unknown) => {
      const response = await fetch(`${simulator.url}/__sim${path}`, { method: "POST", body: JSON.stringify(body) });
      return { status: response.status, json: await response.json() };
    };
    const authorized = await control("/authorizations", { appid: mall.appid, componentAppid: B.componentAppid, wait: true });
    assert.deepEqual([authorized.json.infoType, authorized.json.delivery.url], ["authorized", b.notifyUrl]);
    const other = { componentAppid: B.componentAppid };
    assert.equal(typeof (await control(`/authorizations/${mall.appid}/replace-refresh-token`, other)).json.refreshToken, "string");
    assert.equal((await control(`/authorizations/${mall.appid}/retire-tokens`, other)).json.retired, 0);
    assert.equal((await control(`/authorizations/${mall.appid}/cancel`, other)).json.url, b.notifyUrl);
    assert.equal((await control(`/authorizations/${mall.appid}/cancel`, other)).status, 404);
    assert.equal((await control(`/authorizations/${mall.appid}/cancel`, { componentAppid: "wx00000000000000c0" })).status, 404);
    assert.deepEqual(simulator.state().activeAuthorizationsByPlatform[B.componentAppid], []);
    assert.deepEqual(simulator.state().activeAuthorizations, [coffee.appid, mall.appid], "A's were never touched");
  });

  it("authorizes an added platform through its page: its pre_auth_code only, pushed to its URL", async (t) => {
    const { simulator, receiver, b, asA, asB } = await startTwoPlatforms(t);
    simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const preAuthCodeA = (await asA("api_create_preauthcode")).pre_auth_code as string;
    const preAuthCodeB = (await asB("api_create_preauthcode")).pre_auth_code as string;
    const redirectUri = `${APP_ORIGIN}/api/wechat/${B.componentAppid}/authorized?state=s-b`;
    const request = { component_appid: B.componentAppid, pre_auth_code: preAuthCodeB, redirect_uri: redirectUri, auth_type: "1" };
    const page = async (query: Record<string, string>) => {
      const url = `${simulator.url}/cgi-bin/componentloginpage?${new URLSearchParams({ ...request, ...query })}`;
      const html = await (await fetch(url, { headers: { referer: `${APP_ORIGIN}/authorize/abc` } })).text();
      return { html, error: /data-sim-error="([^"]+)"/.exec(html)?.[1] };
    };
    assert.equal((await page({ pre_auth_code: preAuthCodeA })).error, "pre-auth-code-invalid", "A's code on B's page");
    assert.equal((await page({ component_appid: A.componentAppid })).error, "pre-auth-code-invalid", "B's code on A's page");
    assert.equal((await page({ component_appid: "wx00000000000000c0" })).error, "component-appid");
    const shown = await page({});
    assert.equal(shown.error, undefined);
    assert.match(shown.html, new RegExp(`第三方平台 <code>${B.componentAppid}</code>`));
    assert.doesNotMatch(shown.html, /已授权，确认将更新授权/, "Demo Coffee authorized A, not B");

    const pushed = new Promise<TXmlObject>((resolve) => {
      b.onPush = (message) => {
        if (xmlText(message, "InfoType") === "authorized") resolve(message);
        return "success";
      };
    });
    const form = new URLSearchParams({ channel: "pc", ...request, biz_appid: "", category_id_list: "", authorizer_appid: coffee.appid });
    form.append("func_id", "1");
    const confirmed = await fetch(`${simulator.url}/cgi-bin/componentloginpage/confirm`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    assert.equal(confirmed.status, 302);
    const location = new URL(confirmed.headers.get("location")!);
    assert.equal(location.searchParams.get("state"), "s-b");
    const authCode = location.searchParams.get("auth_code")!;
    // A push to the primary platform instead would leave `pushed` waiting forever: fail on it at once.
    const misdirected = receiver.waitFor((item) => xmlText(item.message, "AuthorizerAppid") === coffee.appid);
    const push = await Promise.race([pushed, misdirected.then(() => assert.fail("the push went to the primary platform"))]);
    assert.deepEqual(
      [xmlText(push, "AppId"), xmlText(push, "AuthorizerAppid"), xmlText(push, "AuthorizationCode"), xmlText(push, "PreAuthCode")],
      [B.componentAppid, coffee.appid, authCode, preAuthCodeB],
    );

    assert.equal((await asA("api_query_auth", { authorization_code: authCode })).errcode, 61009);
    const info = (await asB("api_query_auth", { authorization_code: authCode })).authorization_info;
    assert.deepEqual([info.authorizer_appid, info.func_info], [coffee.appid, [{ funcscope_category: { id: 1 } }]]);
    const again = await page({ pre_auth_code: (await asB("api_create_preauthcode")).pre_auth_code });
    assert.match(again.html, /已授权，确认将更新授权/, "now authorized for B");
  });

  it("sends an account's messages to the platform named, sealed with its keys", async (t) => {
    const { simulator, a, b } = await startTwoPlatforms(t);
    simulator.authorizeProgrammatically({ appid: coffee.appid, componentAppid: B.componentAppid, shouldPush: false });
    await assert.rejects(simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "hi" }), /no active authorization/);
    await assert.rejects(
      simulator.sendMessage({ appid: coffee.appid, componentAppid: "wx00000000000000c0", kind: "text", content: "hi" }),
      /No platform wx00000000000000c0/,
    );

    // The fake platform opens it with B's keys (it answers 400 otherwise) and seals its reply with them.
    b.onMessage = ({ message }) => passiveText(message, `B: ${message.fields.Content}`, B);
    const record = await simulator.sendMessage({ appid: coffee.appid, componentAppid: B.componentAppid, kind: "text", content: "你好" });
    assert.deepEqual([a.messages.length, b.messages.length, b.messages[0].appid], [0, 1, coffee.appid]);
    assert.deepEqual([record.componentAppid, record.url], [B.componentAppid, b.messageUrl.replace("$APPID$", coffee.appid)]);
    assert.deepEqual([record.ok, record.reply.kind === "text" && record.reply.content], [true, "B: 你好"]);

    const response = await fetch(`${simulator.url}/__sim/messages`, {
      method: "POST",
      body: JSON.stringify({ appid: coffee.appid, componentAppid: B.componentAppid, kind: "event", event: "subscribe" }),
    });
    assert.equal(((await response.json()) as { ok: boolean }).ok, true);
    assert.deepEqual([a.messages.length, b.messages.length], [0, 2]);
  });

  it("runs the release check of an added platform against its URLs, with its codes", async (t) => {
    const { simulator, receiver, a, b } = await startTwoPlatforms(t, { releaseCheckWaitMs: 2000 });
    answerLikeAReleasedPlatform(b, () => simulator.url);
    const unknown = await fetch(`${simulator.url}/__sim/release-check`, {
      method: "POST",
      body: JSON.stringify({ componentAppid: "wx00000000000000c0" }),
    });
    assert.equal(unknown.status, 404);

    const run = await simulator.runReleaseCheck({ group: 1, componentAppid: B.componentAppid });
    assert.equal(run.status, "passed", JSON.stringify(run.steps.filter((step) => !step.ok)));
    assert.equal(run.componentAppid, B.componentAppid);
    assert.deepEqual([a.messages.length, b.messages.length], [0, 6]);
    assert.ok(!receiver.pushes.some((push) => xmlText(push.message, "InfoType") !== "component_verify_ticket"), "nothing to A");
    // Every code the checker minted (the authorized push's and QUERY_AUTH_CODE's) was B's, exchanged with B's token.
    const exchanges = simulator.calls({ api: "api_query_auth" });
    assert.equal(exchanges.length, 4);
    assert.ok(
      exchanges.every((call) => call.errcode === 0 && (call.body as { component_appid: string }).component_appid === B.componentAppid),
    );
    const [oa] = RELEASE_CHECK_ACCOUNTS;
    const account = simulator.accounts().find((item) => item.appid === oa.appid)!;
    assert.equal(account.authorization, null, "the test account never authorized A");
    assert.deepEqual(
      account.authorizations.map((item) => [item.componentAppid, item.isActive]),
      [[B.componentAppid, false]],
    );
  });
});
