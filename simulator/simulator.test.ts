import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeSignature } from "../lib/wechat/crypto";
import { xmlText } from "../lib/wechat/xml";
import { startHarness, TEST_CREDENTIALS } from "./test-support";

const { componentAppid, componentAppsecret } = TEST_CREDENTIALS;

describe("[SIMULATOR][TICKETS] component_verify_ticket pushes", () => {
  it("pushes a ticket that decrypts, carries both signatures and is answered success", async (t) => {
    const { simulator, receiver } = await startHarness(t);
    const pushedFrom = Math.floor(simulator.now().getTime() / 1000);
    const delivery = await simulator.pushTicket();
    const pushedUntil = Math.floor(simulator.now().getTime() / 1000);
    assert.equal(delivery.ok, true);
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.infoType, "component_verify_ticket");

    const push = await receiver.waitFor((item) => xmlText(item.message, "InfoType") === "component_verify_ticket");
    assert.equal(push.contentType, "text/xml");
    assert.equal(push.query.encrypt_type, "aes");
    assert.equal(push.query.signature, computeSignature(TEST_CREDENTIALS.token, push.query.timestamp, push.query.nonce));
    assert.match(push.body, /<AppId><!\[CDATA\[wx00112233aabbccdd\]\]><\/AppId>/);
    const ticket = xmlText(push.message, "ComponentVerifyTicket");
    assert.match(ticket ?? "", /^ticket@@@[A-Za-z0-9_-]+$/);
    assert.equal(ticket, simulator.latestTicket()?.ticket);
    assert.equal(xmlText(push.message, "AppId"), componentAppid);
    // The simulator's clock at the push (a second boundary may fall between two readings of it).
    const createTime = Number(xmlText(push.message, "CreateTime"));
    assert.ok(createTime >= pushedFrom && createTime <= pushedUntil, `CreateTime ${createTime} outside ${pushedFrom}..${pushedUntil}`);
  });

  it("api_start_push_ticket answers ok at once and pushes a fresh ticket shortly after", async (t) => {
    const { api, receiver } = await startHarness(t);
    assert.deepEqual(await api("api_start_push_ticket", { component_appid: componentAppid, component_secret: componentAppsecret }), {
      errcode: 0,
      errmsg: "ok",
    });
    await receiver.waitFor((item) => xmlText(item.message, "InfoType") === "component_verify_ticket");
    const wrong = await api("api_start_push_ticket", { component_appid: componentAppid, component_secret: "nope" });
    assert.equal(wrong.errcode, 40125);
  });
});

describe("[SIMULATOR][COMPONENT TOKEN] api_component_token", () => {
  it("issues a 7200 s token for a pushed ticket and refuses made-up or 12 h old tickets", async (t) => {
    const { simulator, api } = await startHarness(t);
    await simulator.pushTicket();
    const ticket = simulator.latestTicket()!.ticket;
    const request = { component_appid: componentAppid, component_appsecret: componentAppsecret, component_verify_ticket: ticket };

    const ok = await api("api_component_token", request);
    assert.equal(ok.expires_in, 7200);
    assert.match(ok.component_access_token, /^[A-Za-z0-9_-]{64,}$/);
    assert.equal("errcode" in ok, false, "success bodies carry no errcode");

    const madeUp = await api("api_component_token", { ...request, component_verify_ticket: "ticket@@@made-up" });
    assert.equal(madeUp.errcode, 61006);
    assert.match(madeUp.errmsg, /^component ticket is invalid rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);

    simulator.advanceClock(12 * 3600 + 1);
    const expired = await api("api_component_token", request);
    assert.equal(expired.errcode, 61005);
    assert.match(expired.errmsg, /^component ticket is expired rid: /);
  });

  it("checks the appid before the secret, and the secret before the ticket", async (t) => {
    const { api } = await startHarness(t);
    const base = { component_appid: componentAppid, component_appsecret: componentAppsecret, component_verify_ticket: "unknown" };
    assert.equal((await api("api_component_token", { ...base, component_appid: "wxffffffffffffffff" })).errcode, 40013);
    assert.equal((await api("api_component_token", { ...base, component_appsecret: "wrong" })).errcode, 40125);
    assert.equal((await api("api_component_token", { ...base, component_appsecret: undefined })).errcode, 41004);
    assert.equal((await api("api_component_token", base)).errcode, 61006);
  });

  it("records every call with its parsed body and errcode", async (t) => {
    const { simulator, api } = await startHarness(t);
    await api("api_component_token", { component_appid: componentAppid, component_appsecret: "wrong" });
    const [call] = simulator.calls({ path: "api_component_token" });
    assert.equal(call.path, "/cgi-bin/component/api_component_token");
    assert.equal(call.api, "api_component_token");
    assert.equal(call.errcode, 40125);
    assert.equal(call.status, 200);
    assert.deepEqual(call.body, { component_appid: componentAppid, component_appsecret: "wrong" });
    simulator.clearCalls();
    assert.equal(simulator.calls().length, 0);
  });
});

describe("[SIMULATOR][TOKENS] token-bearing APIs", () => {
  const body = { component_appid: componentAppid };

  it("answers 41001 without a token, 40001 for an unknown one, and accepts access_token= as well", async (t) => {
    const { api, componentToken } = await startHarness(t);
    const token = await componentToken();
    assert.equal((await api("api_create_preauthcode", body)).errcode, 41001);
    assert.equal((await api("api_create_preauthcode", body, { component_access_token: "made-up" })).errcode, 40001);
    const viaComponentName = await api("api_create_preauthcode", body, { component_access_token: token });
    assert.match(viaComponentName.pre_auth_code, /^preauthcode@@@/);
    assert.equal(viaComponentName.expires_in, 1800);
    const viaAccessName = await api("api_create_preauthcode", body, { access_token: token });
    assert.match(viaAccessName.pre_auth_code, /^preauthcode@@@/);
    assert.equal((await api("api_create_preauthcode", { component_appid: "wxffffffffffffffff" }, { access_token: token })).errcode, 40013);
  });

  it("answers 42001 once the token's 7200 s are over", async (t) => {
    const { simulator, api, componentToken } = await startHarness(t);
    const token = await componentToken();
    simulator.advanceClock(7199);
    assert.ok((await api("api_create_preauthcode", body, { access_token: token })).pre_auth_code);
    simulator.advanceClock(2);
    const expired = await api("api_create_preauthcode", body, { access_token: token });
    assert.equal(expired.errcode, 42001);
    assert.match(expired.errmsg, /^access_token expired rid: /);
  });

  it("keeps the previous token valid for the overlap window, then answers 40001", async (t) => {
    const { simulator, api, componentToken } = await startHarness(t);
    const first = await componentToken();
    const second = await componentToken();
    assert.notEqual(first, second);
    simulator.advanceClock(299);
    assert.ok((await api("api_create_preauthcode", body, { access_token: first })).pre_auth_code);
    simulator.advanceClock(2);
    assert.equal((await api("api_create_preauthcode", body, { access_token: first })).errcode, 40001);
    assert.ok((await api("api_create_preauthcode", body, { access_token: second })).pre_auth_code);
  });

  it("answers 43002 to GET, 47001 to bad JSON and 61014 to an authorizer token", async (t) => {
    const { simulator, api, componentToken } = await startHarness(t);
    const token = await componentToken();
    const get = await (await fetch(`${simulator.url}/cgi-bin/component/api_create_preauthcode?access_token=${token}`)).json();
    assert.equal(get.errcode, 43002);
    assert.equal((await api("api_create_preauthcode", "{not json", { access_token: token })).errcode, 47001);
    const { authCode } = simulator.authorizeProgrammatically({ appid: simulator.accounts()[0].appid, shouldPush: false });
    const auth = await api("api_query_auth", { component_appid: componentAppid, authorization_code: authCode }, { access_token: token });
    const authorizerToken = auth.authorization_info.authorizer_access_token;
    assert.equal((await api("api_create_preauthcode", body, { access_token: authorizerToken })).errcode, 61014);
  });

  it("answers 45009 past the daily quota until clear_quota/v2, which allows 10 resets a month", async (t) => {
    const { api, componentToken } = await startHarness(t, { dailyQuota: 2 });
    const token = await componentToken();
    await api("api_create_preauthcode", body, { access_token: token });
    await api("api_create_preauthcode", body, { access_token: token });
    assert.equal((await api("api_create_preauthcode", body, { access_token: token })).errcode, 45009);
    const clear = { component_appid: componentAppid, appsecret: componentAppsecret };
    assert.equal((await api("clear_quota/v2", { ...clear, appsecret: "wrong" })).errcode, 40125);
    assert.deepEqual(await api("clear_quota/v2", clear), { errcode: 0, errmsg: "ok" });
    assert.ok((await api("api_create_preauthcode", body, { access_token: token })).pre_auth_code);
    for (let used = 1; used < 10; used += 1) assert.equal((await api("clear_quota/v2", clear)).errcode, 0);
    assert.equal((await api("clear_quota/v2", clear)).errcode, 48006);
  });
});
