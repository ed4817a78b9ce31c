import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sealComponentPush } from "../../lib/wechat/push";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

const notify = (stack: TStack, query: Record<string, string>, body: string, init: RequestInit = {}) =>
  fetch(`${stack.app.url}/api/wechat/notify?${new URLSearchParams(query)}`, {
    method: "POST",
    body,
    headers: { "content-type": "text/xml" },
    ...init,
  });

const ticketMessage = (ticket: string) => ({
  AppId: TEST_COMPONENT.componentAppid,
  CreateTime: Math.floor(Date.now() / 1000),
  InfoType: "component_verify_ticket",
  ComponentVerifyTicket: ticket,
});

describe("[FOUNDATION] ticket push to a live component_access_token", () => {
  let stack: TStack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => stack?.stop());

  it("stores a pushed ticket and makes exactly one api_component_token call carrying it", async () => {
    const delivery = await stack.simulator.pushTicket();
    assert.equal(delivery.ok, true, `push was not answered success: ${JSON.stringify(delivery)}`);
    const ticket = stack.simulator.latestTicket();
    assert.ok(ticket);

    const tickets = await stack.database.db.verifyTicket.findMany();
    assert.equal(tickets.length, 1);
    assert.ok(!tickets[0].ticket.includes(ticket!.ticket), "the ticket is encrypted at rest");

    const token = await eventually(async () => (await stack.database.db.componentToken.findFirst()) ?? undefined, "component token stored");
    assert.ok(token.expiresAt.getTime() - Date.now() > 7000 * 1000, "expires about 2 h from now");
    const calls = stack.simulator.calls({ api: "api_component_token" });
    assert.equal(calls.length, 1);
    assert.equal((calls[0].body as Record<string, string>).component_verify_ticket, ticket!.ticket);

    const health = await (await fetch(`${stack.app.url}/api/health`)).json();
    assert.equal(health.database, "ok");
    assert.ok(health.latestTicket.ageSeconds < 60);
    assert.ok(health.componentToken.secondsLeft > 7000);
  });

  it("rejects forged and malformed pushes with a clear status and stores nothing", async () => {
    const before = await stack.database.db.verifyTicket.count();
    const sealed = sealComponentPush(ticketMessage("ticket@@@forged"), TEST_COMPONENT);

    const wrongSignature = await notify(stack, { ...sealed.query, msg_signature: "0".repeat(40) }, sealed.body);
    assert.equal(wrongSignature.status, 401);
    assert.match(await wrongSignature.text(), /msg_signature/);

    const otherPlatform = sealComponentPush(
      { ...ticketMessage("ticket@@@other"), AppId: "wxffffffffffffffff" },
      { ...TEST_COMPONENT, componentAppid: "wxffffffffffffffff" },
    );
    assert.equal((await notify(stack, otherPlatform.query, otherPlatform.body)).status, 403);

    assert.equal((await notify(stack, sealed.query, "<xml><Encrypt>")).status, 400);
    const badBase64 = "<xml><Encrypt>@@@not-base64@@@</Encrypt></xml>";
    const { computeSignature } = await import("../../lib/wechat/crypto");
    const signed = {
      ...sealed.query,
      msg_signature: computeSignature(TEST_COMPONENT.token, sealed.query.timestamp, sealed.query.nonce, "@@@not-base64@@@"),
    };
    assert.equal((await notify(stack, signed, badBase64)).status, 400);

    const entityBomb = `<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>`;
    assert.equal((await notify(stack, sealed.query, entityBomb)).status, 400);

    const huge = `<xml><Encrypt>${"A".repeat(70 * 1024)}</Encrypt></xml>`;
    assert.equal((await notify(stack, sealed.query, huge)).status, 413);

    const get = await fetch(`${stack.app.url}/api/wechat/notify`);
    assert.equal(get.status, 405);

    assert.equal(await stack.database.db.verifyTicket.count(), before);
  });

  it("answers success to unknown InfoTypes and records them", async () => {
    const delivery = await stack.simulator.push({
      AppId: TEST_COMPONENT.componentAppid,
      CreateTime: Math.floor(Date.now() / 1000),
      InfoType: "notify_icpfiling_verify_result",
    });
    assert.equal(delivery.ok, true);
    const event = await stack.database.db.event.findFirst({ where: { kind: "push.received" }, orderBy: { id: "desc" } });
    assert.match(event?.message ?? "", /notify_icpfiling_verify_result/);
  });
});

describe("[FOUNDATION] two app processes on one database", () => {
  let stack: TStack;
  before(async () => {
    stack = await startStack({ apps: 2 });
  });
  after(async () => stack?.stop());

  it("make one api_component_token request between them", async () => {
    stack.simulator.addFault({ api: "api_component_token", mode: "latency", latencyMs: 1500, times: -1 });
    const delivery = await stack.simulator.pushTicket();
    assert.equal(delivery.ok, true);
    const ticket = stack.simulator.latestTicket()!;
    // The same ticket reaches the second instance too (as behind a load balancer on a retry): both want a token now.
    const sealed = sealComponentPush(ticketMessage(ticket.ticket), TEST_COMPONENT);
    const second = await fetch(`${stack.apps[1].url}/api/wechat/notify?${new URLSearchParams(sealed.query)}`, {
      method: "POST",
      body: sealed.body,
    });
    assert.equal(await second.text(), "success");

    await eventually(async () => (await stack.database.db.componentToken.findFirst()) ?? undefined, "component token stored");
    // Give the second instance time to finish waiting on the lease, then count.
    await eventually(
      async () => ((await stack.database.db.event.count({ where: { kind: "component_token.refreshed" } })) >= 1 ? true : undefined),
      "refresh recorded",
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(stack.simulator.calls({ api: "api_component_token" }).length, 1);
    stack.simulator.clearFaults();
  });
});

describe("[FOUNDATION] a ticket WeChat does not recognise", () => {
  let stack: TStack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => stack?.stop());

  it("keeps no token, asks WeChat to push again (component_secret), and recovers with the fresh ticket", async () => {
    const forged = sealComponentPush(ticketMessage("ticket@@@never-issued-by-wechat"), TEST_COMPONENT);
    const answer = await notify(stack, forged.query, forged.body);
    assert.equal(await answer.text(), "success");

    // 61006 → api_start_push_ticket → the simulator pushes a real ticket → the app gets its token with it.
    await eventually(
      async () => (await stack.database.db.componentToken.findFirst()) ?? undefined,
      "component token stored after the re-push",
      15_000,
    );
    const tokenCalls = stack.simulator.calls({ api: "api_component_token" });
    assert.equal(tokenCalls[0].errcode, 61006);
    assert.equal(tokenCalls.at(-1)?.errcode, 0);
    const startCalls = stack.simulator.calls({ api: "api_start_push_ticket" });
    assert.equal(startCalls.length, 1);
    assert.equal((startCalls[0].body as Record<string, string>).component_secret, TEST_COMPONENT.componentAppsecret);
    const failure = await stack.database.db.event.findFirst({ where: { kind: "component_token.failed" } });
    assert.equal(failure?.errcode, 61006);
    assert.ok(!JSON.stringify(await stack.database.db.event.findMany()).includes("ticket@@@"), "no ticket in the event log");
  });
});
