import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { xmlText } from "../lib/wechat/xml";
import { SEED_ACCOUNTS } from "./accounts";
import { startHarness, TEST_CREDENTIALS } from "./test-support";

const { componentAppid, componentAppsecret } = TEST_CREDENTIALS;
const ticketRequest = (ticket: string) => ({
  component_appid: componentAppid,
  component_appsecret: componentAppsecret,
  component_verify_ticket: ticket,
});

describe("[SIMULATOR][FAULTS] injected failures", () => {
  it("answers an injected errcode once, then behaves normally", async (t) => {
    const { simulator, api } = await startHarness(t);
    await simulator.pushTicket();
    const ticket = simulator.latestTicket()!.ticket;
    simulator.addFault({ api: "api_component_token", mode: "errcode", errcode: -1 });
    const failed = await api("api_component_token", ticketRequest(ticket));
    assert.equal(failed.errcode, -1);
    assert.match(failed.errmsg, /^system error rid: /);
    assert.ok((await api("api_component_token", ticketRequest(ticket))).component_access_token);
    assert.deepEqual(
      simulator.calls({ api: "api_component_token" }).map((call) => call.errcode),
      [-1, 0],
    );
    assert.equal(simulator.faults().length, 0, "a spent fault is removed");
  });

  it("answers HTTP 502 for an http fault and destroys the socket for a drop fault", async (t) => {
    const { simulator, componentToken } = await startHarness(t);
    const token = await componentToken();
    const url = `${simulator.url}/cgi-bin/component/api_create_preauthcode?access_token=${token}`;
    const post = () => fetch(url, { method: "POST", body: JSON.stringify({ component_appid: componentAppid }) });

    simulator.addFault({ api: "*", mode: "http", status: 502, times: 2 });
    assert.equal((await post()).status, 502);
    assert.equal((await post()).status, 502);
    assert.equal((await post()).status, 200);

    simulator.addFault({ api: "api_create_preauthcode", mode: "drop" });
    await assert.rejects(post(), TypeError);
    assert.equal(simulator.calls({ api: "api_create_preauthcode" }).at(-1)?.status, 0);
    assert.equal((await post()).status, 200);
  });

  it("targets one authorizer with match, delays with latency, and lasts until cleared with times -1", async (t) => {
    const { simulator, api, componentToken } = await startHarness(t);
    const token = await componentToken();
    const [first, second] = SEED_ACCOUNTS;
    const refreshTokens = new Map<string, string>();
    for (const account of [first, second]) {
      const { authCode } = simulator.authorizeProgrammatically({ appid: account.appid, shouldPush: false });
      const auth = await api("api_query_auth", { component_appid: componentAppid, authorization_code: authCode }, { access_token: token });
      refreshTokens.set(account.appid, auth.authorization_info.authorizer_refresh_token);
    }
    const refresh = (appid: string) =>
      api(
        "api_authorizer_token",
        { component_appid: componentAppid, authorizer_appid: appid, authorizer_refresh_token: refreshTokens.get(appid) },
        { access_token: token },
      );

    simulator.addFault({
      api: "api_authorizer_token",
      mode: "errcode",
      errcode: 42007,
      times: -1,
      match: { authorizer_appid: first.appid },
    });
    assert.equal((await refresh(first.appid)).errcode, 42007);
    assert.equal((await refresh(first.appid)).errcode, 42007);
    assert.ok((await refresh(second.appid)).authorizer_access_token);
    simulator.clearFaults();
    assert.ok((await refresh(first.appid)).authorizer_access_token);

    simulator.addFault({ api: "api_authorizer_token", mode: "latency", latencyMs: 300 });
    const started = Date.now();
    assert.ok((await refresh(second.appid)).authorizer_access_token);
    assert.ok(Date.now() - started >= 280, "the latency fault delayed the answer");
  });
});

describe("[SIMULATOR][PUSHES] delivery and retries", () => {
  it("retries up to 3 times when the receiver does not answer success", async (t) => {
    const { simulator, receiver } = await startHarness(t);
    receiver.answers = ["fail"];
    const failed = await simulator.pushTicket();
    assert.equal(failed.ok, false);
    assert.equal(failed.attempts, 3);
    assert.equal(failed.status, 200);
    assert.equal(failed.body, "fail");
    assert.equal(receiver.pushes.length, 3);

    receiver.answers = ["error", "success " /* not exactly success */, "success"];
    const recovered = await simulator.push({ InfoType: "notify_third_fasteregister", appid: "wx1234567890abcdef", status: 0, msg: "OK" });
    assert.equal(recovered.ok, true);
    assert.equal(recovered.attempts, 3);
    assert.equal(xmlText(receiver.pushes.at(-1)!.message, "InfoType"), "notify_third_fasteregister");
    assert.deepEqual(
      simulator.deliveries().map((delivery) => [delivery.infoType, delivery.ok]),
      [
        ["component_verify_ticket", false],
        ["notify_third_fasteregister", true],
      ],
    );
  });

  it("gives up on an unreachable URL and on a dropped push", async (t) => {
    const { simulator } = await startHarness(t, { notifyUrl: "http://127.0.0.1:1/api/wechat/notify" });
    const unreachable = await simulator.pushTicket();
    assert.equal(unreachable.ok, false);
    assert.equal(unreachable.attempts, 3);
    assert.equal(unreachable.status, null);
    // The ticket still counts as issued: WeChat cannot know it was lost.
    assert.ok(simulator.latestTicket());

    simulator.setConfig({ pushAttempts: 1 });
    simulator.addFault({ api: "push", mode: "drop" });
    const dropped = await simulator.pushTicket();
    assert.equal(dropped.attempts, 1);
    assert.match(dropped.body, /dropped/);
  });
});
