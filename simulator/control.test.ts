import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { xmlText } from "../lib/wechat/xml";
import { SEED_ACCOUNTS } from "./accounts";
import { startHarness } from "./test-support";

const coffee = SEED_ACCOUNTS[0];

describe("[SIMULATOR][CONTROL] the /__sim/ HTTP surface", () => {
  it("drives pushes, faults, the clock, accounts and authorizations over JSON", async (t) => {
    const { simulator, receiver, api } = await startHarness(t);
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${simulator.url}/__sim${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    };

    const delivery = await control("POST", "/push-ticket");
    assert.equal(delivery.json.ok, true);
    const { json: state } = await control("GET", "/state");
    assert.equal(state.latestTicket.ticket, xmlText(receiver.pushes[0].message, "ComponentVerifyTicket"));

    await control("POST", "/faults", { api: "api_component_token", mode: "errcode", errcode: 61004 });
    assert.equal((await api("api_component_token", {})).errcode, 61004);
    const { json: calls } = await control("GET", "/calls?path=api_component_token");
    assert.equal(calls.length, 1);
    assert.equal(calls[0].errcode, 61004);
    await control("DELETE", "/calls");
    assert.deepEqual((await control("GET", "/calls")).json, []);

    const { json: clock } = await control("POST", "/clock", { advanceSeconds: 3600 });
    assert.equal(clock.offsetSeconds, 3600);

    const { json: created } = await control("POST", "/accounts/bulk", { count: 3, kind: "mini_program" });
    assert.deepEqual(
      created.map((account: { kind: string }) => account.kind),
      ["mini_program", "mini_program", "mini_program"],
    );
    assert.equal((await control("GET", "/accounts")).json.length, SEED_ACCOUNTS.length + 3);

    const { json: authorized } = await control("POST", "/authorizations", { appid: coffee.appid, funcIds: [1, 3], wait: true });
    assert.equal(authorized.infoType, "authorized");
    assert.equal(authorized.delivery.ok, true);
    const before = (await control("GET", "/accounts")).json.find((account: { appid: string }) => account.appid === coffee.appid);
    const { json: replaced } = await control("POST", `/authorizations/${coffee.appid}/replace-refresh-token`);
    assert.notEqual(replaced.refreshToken, before.authorization.refreshToken);
    const after = (await control("GET", "/accounts")).json.find((account: { appid: string }) => account.appid === coffee.appid);
    assert.equal(after.authorization.refreshToken, replaced.refreshToken, "the stored one now answers 61023");
    assert.equal(typeof (await control("POST", `/authorizations/${coffee.appid}/retire-tokens`)).json.retired, "number");
    assert.equal(typeof (await control("POST", "/component/retire-tokens")).json.retired, "number");
    const cancelled = await control("POST", `/authorizations/${coffee.appid}/cancel`);
    assert.equal(cancelled.json.infoType, "unauthorized");
    assert.equal((await control("POST", `/authorizations/${coffee.appid}/cancel`)).status, 404);
    assert.equal((await control("POST", `/authorizations/${coffee.appid}/replace-refresh-token`)).status, 404);
    assert.equal((await control("POST", "/authorizations", { appid: "wx0000000000000000" })).status, 404);
    assert.equal((await control("POST", "/faults", { api: "x", mode: "explode" })).status, 400);

    const { json: config } = await control("PATCH", "/config", {
      latencyMs: 5,
      authDomains: ["https://other.test:8443/path"],
      authorizerTokenLifetimeSeconds: 600,
    });
    assert.equal(config.latencyMs, 5);
    assert.deepEqual(config.authDomains, ["other.test"]);
    assert.equal(config.authorizerTokenLifetimeSeconds, 600);
    assert.equal((await control("PATCH", "/config", { port: 1 })).status, 400);
    assert.equal((await control("PATCH", "/config", { authorizerTokenLifetimeSeconds: 0 })).status, 400);
    assert.equal((await control("GET", "/deliveries")).json.length, 3);
  });

  it("serves the operators' index page and answers its form buttons with a redirect back", async (t) => {
    const { simulator } = await startHarness(t);
    simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const page = await (await fetch(`${simulator.url}/__sim/`)).text();
    assert.match(page, /data-sim-page="index"/);
    assert.match(page, new RegExp(`取消授权 ${coffee.nickName}`));
    const button = await fetch(`${simulator.url}/__sim/authorizations/${coffee.appid}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    assert.equal(button.status, 303);
    assert.equal(button.headers.get("location"), "/__sim/");
    assert.equal(simulator.accounts().find((account) => account.appid === coffee.appid)?.authorization?.isActive, false);
  });
});
