import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { xmlText } from "../lib/wechat/xml";
import { SEED_ACCOUNTS } from "./accounts";
import { APP_ORIGIN, startHarness, TEST_CREDENTIALS, type THarness } from "./test-support";

const { componentAppid } = TEST_CREDENTIALS;
const coffee = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Demo Coffee"))!;
const mall = SEED_ACCOUNTS.find((account) => account.nickName.startsWith("Bamboo Mall"))!;
const REDIRECT = `${APP_ORIGIN}/api/wechat/authorized?state=s-123`;

const pageUrl = (harness: THarness, preAuthCode: string, extra: Record<string, string> = {}) =>
  `${harness.simulator.url}/cgi-bin/componentloginpage?${new URLSearchParams({
    component_appid: componentAppid,
    pre_auth_code: preAuthCode,
    redirect_uri: REDIRECT,
    auth_type: "3",
    ...extra,
  })}`;

const getPage = async (url: string, headers: Record<string, string> = { referer: `${APP_ORIGIN}/authorize/abc` }) => {
  const response = await fetch(url, { headers });
  return { status: response.status, html: await response.text() };
};

const errorMarker = (html: string) => /data-sim-error="([^"]+)"/.exec(html)?.[1];

/** Submits the confirm form of one account the way the browser would, with the chosen permission sets. */
const confirm = (harness: THarness, preAuthCode: string, appid: string, funcIds: number[], redirectUri = REDIRECT) => {
  const form = new URLSearchParams({
    channel: "pc",
    component_appid: componentAppid,
    pre_auth_code: preAuthCode,
    redirect_uri: redirectUri,
    auth_type: "3",
    biz_appid: "",
    category_id_list: "",
    authorizer_appid: appid,
  });
  for (const id of funcIds) form.append("func_id", String(id));
  return fetch(`${harness.simulator.url}/cgi-bin/componentloginpage/confirm`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
};

/** Whole page flow for one account; returns the auth_code from the redirect. */
const authorizeThroughPage = async (harness: THarness, token: string, appid: string, funcIds: number[]) => {
  const code = await harness.preAuthCode(token);
  const response = await confirm(harness, code, appid, funcIds);
  assert.equal(response.status, 302);
  return new URL(response.headers.get("location")!).searchParams.get("auth_code")!;
};

const queryAuth = (harness: THarness, token: string, code: string) =>
  harness.api("api_query_auth", { component_appid: componentAppid, authorization_code: code }, { access_token: token });

const refresh = (harness: THarness, token: string, appid: string, refreshToken: string) =>
  harness.api(
    "api_authorizer_token",
    { component_appid: componentAppid, authorizer_appid: appid, authorizer_refresh_token: refreshToken },
    { component_access_token: token },
  );

describe("[SIMULATOR][AUTHORIZATION] PC page flow", () => {
  it("lists accounts, redirects with auth_code and the preserved state, and pushes authorized", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const preAuthCode = await harness.preAuthCode(token);

    const page = await getPage(pageUrl(harness, preAuthCode));
    assert.equal(page.status, 200);
    assert.equal(errorMarker(page.html), undefined);
    assert.match(page.html, /<button type="submit">授权 Demo Coffee 咖啡<\/button>/);
    assert.match(page.html, /<button type="submit">授权 Bamboo Mall 竹子商城<\/button>/);
    assert.match(page.html, /name="func_id" value="1" checked> <span>消息管理权限<\/span>/);

    const response = await confirm(harness, preAuthCode, coffee.appid, [1, 2, 99]);
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get("location")!);
    assert.equal(location.origin + location.pathname, `${APP_ORIGIN}/api/wechat/authorized`);
    assert.equal(location.searchParams.get("state"), "s-123");
    assert.equal(location.searchParams.get("expires_in"), "600");
    const authCode = location.searchParams.get("auth_code")!;
    assert.match(authCode, /^queryauthcode@@@/);

    const push = await harness.receiver.waitFor((item) => xmlText(item.message, "InfoType") === "authorized");
    assert.equal(xmlText(push.message, "AuthorizerAppid"), coffee.appid);
    assert.equal(xmlText(push.message, "AuthorizationCode"), authCode);
    assert.equal(xmlText(push.message, "PreAuthCode"), preAuthCode);
    assert.equal(Number(xmlText(push.message, "AuthorizationCodeExpiredTime")), Number(xmlText(push.message, "CreateTime")) + 600);

    // Only the ticked sets that fit the account are granted (99 was never offered).
    const auth = await queryAuth(harness, token, authCode);
    assert.deepEqual(auth.authorization_info.func_info, [{ funcscope_category: { id: 1 } }, { funcscope_category: { id: 2 } }]);
    assert.equal(auth.authorization_info.authorizer_appid, coffee.appid);
    assert.equal(auth.authorization_info.expires_in, 7200);
    assert.match(auth.authorization_info.authorizer_refresh_token, /^refreshtoken@@@/);
    assert.equal((await queryAuth(harness, token, authCode)).errcode, 61009, "auth codes are single-use");
  });

  it("shows the Referer error page when the link is typed in, and the domain error for a foreign redirect_uri", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const preAuthCode = await harness.preAuthCode(token);
    const typed = await getPage(pageUrl(harness, preAuthCode), {});
    assert.equal(typed.status, 200);
    assert.equal(errorMarker(typed.html), "referer");
    assert.match(typed.html, /授权发起页域名/);
    assert.match(typed.html, /授权入口页所在域名：空/);
    assert.equal(errorMarker((await getPage(pageUrl(harness, preAuthCode), { referer: "https://evil.test/" })).html), "referer");
    const foreign = await getPage(pageUrl(harness, preAuthCode, { redirect_uri: "https://evil.test/cb" }));
    assert.equal(errorMarker(foreign.html), "redirect-uri");
    assert.equal((await confirm(harness, preAuthCode, coffee.appid, [1], "https://evil.test/cb")).status, 200);
  });

  it("makes pre_auth_code single-use and expires it after 1800 s", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const used = await harness.preAuthCode(token);
    assert.equal((await confirm(harness, used, coffee.appid, [1])).status, 302);
    assert.equal(errorMarker((await getPage(pageUrl(harness, used))).html), "pre-auth-code-used");
    const second = await confirm(harness, used, coffee.appid, [1]);
    assert.equal(second.status, 200);
    assert.equal(errorMarker(await second.text()), "pre-auth-code-used");

    const stale = await harness.preAuthCode(token);
    harness.simulator.advanceClock(1801);
    assert.equal(errorMarker((await getPage(pageUrl(harness, stale))).html), "pre-auth-code-expired");
    assert.equal(errorMarker((await getPage(pageUrl(harness, "preauthcode@@@made-up"))).html), "pre-auth-code-invalid");
    assert.equal(errorMarker((await getPage(pageUrl(harness, stale, { component_appid: "wxffffffffffffffff" }))).html), "component-appid");
  });

  it("filters accounts by auth_type, biz_appid and category_id_list", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const code = await harness.preAuthCode(token);
    const buttons = async (extra: Record<string, string>) =>
      [...(await getPage(pageUrl(harness, code, extra))).html.matchAll(/<button type="submit">授权 ([^<]+)<\/button>/g)].map(
        (match) => match[1],
      );
    const miniPrograms = await buttons({ auth_type: "2" });
    assert.ok(miniPrograms.includes(mall.nickName));
    assert.ok(!miniPrograms.includes(coffee.nickName));
    assert.deepEqual(await buttons({ auth_type: "1", biz_appid: mall.appid }), [mall.nickName], "biz_appid wins over auth_type");
    const page = (await getPage(pageUrl(harness, code, { category_id_list: "17|18|1" }))).html;
    assert.match(page, /value="18" checked/);
    assert.doesNotMatch(page, /value="2" checked/);
    assert.equal(errorMarker((await getPage(pageUrl(harness, code, { biz_appid: "wx0000000000000000" }))).html), "biz-appid");
  });

  it("requires the WeChat client for the mobile page", async (t) => {
    const harness = await startHarness(t);
    const code = await harness.preAuthCode(await harness.componentToken());
    const url = pageUrl(harness, code).replace(
      "/cgi-bin/componentloginpage?",
      "/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&",
    );
    const browser = await getPage(url, { "user-agent": "Mozilla/5.0 Chrome/126" });
    assert.equal(errorMarker(browser.html), "user-agent");
    assert.match(browser.html, /请在微信客户端打开链接/);
    const wechat = await getPage(url, { "user-agent": "Mozilla/5.0 MicroMessenger/8.0.50" });
    assert.equal(errorMarker(wechat.html), undefined);
    assert.match(wechat.html, /授权 Demo Coffee 咖啡/);
  });
});

describe("[SIMULATOR][AUTHORIZATION] refresh tokens, re-authorization and cancellation", () => {
  it("refreshes with the stored refresh token, then answers 61023 once the account re-authorized", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const first = (await queryAuth(harness, token, await authorizeThroughPage(harness, token, coffee.appid, [1, 2]))).authorization_info;

    const refreshed = await refresh(harness, token, coffee.appid, first.authorizer_refresh_token);
    assert.notEqual(refreshed.authorizer_access_token, first.authorizer_access_token);
    assert.equal(refreshed.expires_in, 7200);
    assert.equal(refreshed.authorizer_refresh_token, first.authorizer_refresh_token, "same refresh token unless rotation is on");

    await authorizeThroughPage(harness, token, coffee.appid, [1]);
    await harness.receiver.waitFor((item) => xmlText(item.message, "InfoType") === "updateauthorized");
    const stale = await refresh(harness, token, coffee.appid, first.authorizer_refresh_token);
    assert.equal(stale.errcode, 61023);
    assert.match(stale.errmsg, /^refresh_token is invalid rid: /);
  });

  it("cancelling pushes unauthorized; afterwards the account answers 61003", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const { authCode } = harness.simulator.authorizeProgrammatically({ appid: mall.appid });
    const info = (await queryAuth(harness, token, authCode)).authorization_info;

    const delivery = await harness.simulator.cancelAuthorization(mall.appid);
    assert.equal(delivery.ok, true);
    const push = await harness.receiver.waitFor((item) => xmlText(item.message, "InfoType") === "unauthorized");
    assert.equal(xmlText(push.message, "AuthorizerAppid"), mall.appid);
    assert.equal(push.message.AuthorizationCode, undefined);

    assert.equal((await refresh(harness, token, mall.appid, info.authorizer_refresh_token)).errcode, 61003);
    const profile = await harness.api(
      "api_get_authorizer_info",
      { component_appid: componentAppid, authorizer_appid: mall.appid },
      { access_token: token },
    );
    assert.equal(profile.errcode, 61003);
  });

  it("rotates the refresh token when configured, voiding the old one", async (t) => {
    const harness = await startHarness(t, { rotateRefreshTokenOnRefresh: true });
    const token = await harness.componentToken();
    const { authCode } = harness.simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const original = (await queryAuth(harness, token, authCode)).authorization_info.authorizer_refresh_token;
    const rotated = (await refresh(harness, token, coffee.appid, original)).authorizer_refresh_token;
    assert.notEqual(rotated, original);
    assert.equal((await refresh(harness, token, coffee.appid, original)).errcode, 61023);
    assert.ok((await refresh(harness, token, coffee.appid, rotated)).authorizer_access_token);
  });

  it("issues authorizer tokens for authorizerTokenLifetimeSeconds, then answers 42001; the component token keeps 7200 s", async (t) => {
    const harness = await startHarness(t, { authorizerTokenLifetimeSeconds: 600 });
    const token = await harness.componentToken();
    const { authCode } = harness.simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const first = (await queryAuth(harness, token, authCode)).authorization_info;
    assert.equal(first.expires_in, 600);
    const menu = async (accessToken: string) =>
      (await (await fetch(`${harness.simulator.url}/cgi-bin/menu/get?access_token=${accessToken}`)).json()) as Record<string, any>;
    harness.simulator.advanceClock(599);
    assert.equal((await menu(first.authorizer_access_token)).errcode, undefined);
    harness.simulator.advanceClock(2);
    assert.equal((await menu(first.authorizer_access_token)).errcode, 42001);

    harness.simulator.setConfig({ authorizerTokenLifetimeSeconds: 60 });
    const refreshed = await refresh(harness, token, coffee.appid, first.authorizer_refresh_token);
    assert.equal(refreshed.expires_in, 60);
    harness.simulator.advanceClock(61);
    assert.equal((await menu(refreshed.authorizer_access_token)).errcode, 42001);
    assert.ok((await harness.preAuthCode(token)).startsWith("preauthcode@@@"), "the component token is still within its 7200 s");
    assert.throws(() => harness.simulator.setConfig({ authorizerTokenLifetimeSeconds: 0 }), /positive integer/);
  });

  it("expires an unused auth code after authCodeSeconds (61010)", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const { authCode } = harness.simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    harness.simulator.advanceClock(601);
    assert.equal((await queryAuth(harness, token, authCode)).errcode, 61010);
  });
});

describe("[SIMULATOR][AUTHORIZERS] info and list", () => {
  it("describes official accounts and mini programs in the §3.6 shapes, with images served locally", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    for (const account of [coffee, mall])
      harness.simulator.authorizeProgrammatically({ appid: account.appid, funcIds: [1, 17], shouldPush: false });
    const info = (appid: string) =>
      harness.api("api_get_authorizer_info", { component_appid: componentAppid, authorizer_appid: appid }, { access_token: token });

    const official = await info(coffee.appid);
    assert.equal(official.authorizer_info.nick_name, coffee.nickName);
    assert.deepEqual(official.authorizer_info.service_type_info, { id: 2 });
    assert.match(official.authorizer_info.user_name, /^gh_[0-9a-f]{12}$/);
    assert.equal(official.authorizer_info.MiniProgramInfo, undefined);
    assert.deepEqual(official.authorization_info.func_info, [{ funcscope_category: { id: 1 } }, { funcscope_category: { id: 17 } }]);
    assert.equal(official.authorization_info.authorizer_access_token, undefined);
    const avatar = await fetch(official.authorizer_info.head_img);
    assert.equal(avatar.headers.get("content-type"), "image/svg+xml");
    assert.match(await avatar.text(), />DC<\/text>/);
    assert.match(await (await fetch(official.authorizer_info.qrcode_url)).text(), /^<svg/);

    const mini = await info(mall.appid);
    assert.deepEqual(mini.authorizer_info.MiniProgramInfo.network.RequestDomain, ["https://api.bamboo-mall.example"]);
    assert.equal(typeof mini.authorizer_info.signature, "string");
    assert.deepEqual(mini.authorizer_info.basic_config, { is_phone_configured: true, is_email_configured: false });

    assert.equal((await info("wx0000000000000000")).errcode, 61003);
  });

  it("pages active authorizations and refuses count above 500 (40170)", async (t) => {
    const harness = await startHarness(t);
    const token = await harness.componentToken();
    const created = harness.simulator.addAccounts(12, { authorize: true });
    assert.equal(created[0].nickName, "Test Account 0001 测试公众号", "bulk names are deterministic");
    await harness.simulator.cancelAuthorization(created[0].appid);
    const list = (offset: number, count: number) =>
      harness.api("api_get_authorizer_list", { component_appid: componentAppid, offset, count }, { access_token: token });

    const pages = [await list(0, 5), await list(5, 5), await list(10, 5)];
    assert.deepEqual(
      pages.map((page) => page.total_count),
      [11, 11, 11],
    );
    assert.deepEqual(
      pages.map((page) => page.list.length),
      [5, 5, 1],
    );
    const listed = pages.flatMap((page) => page.list.map((item: { authorizer_appid: string }) => item.authorizer_appid));
    assert.equal(new Set(listed).size, 11);
    assert.ok(!listed.includes(created[0].appid), "cancelled authorizations are not listed");
    assert.deepEqual(Object.keys(pages[0].list[0]).sort(), ["auth_time", "authorizer_appid", "refresh_token"]);

    const tooMany = await list(0, 501);
    assert.equal(tooMany.errcode, 40170);
    assert.match(tooMany.errmsg, /^args count exceed count limit rid: /);
  });
});
