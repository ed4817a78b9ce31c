import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sealComponentPush } from "../../lib/wechat/push";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Pushes are signed but carry no nonce store of WeChat's: wxopen refuses old timestamps, ignores exact replays,
// never lets an older ticket win, and never lets a late or replayed authorization push undo a newer change.

let stack: TStack;
const db = () => stack.database.db;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const notify = (sealed: { query: Record<string, string>; body: string }) =>
  fetch(`${stack.app.url}/api/wechat/notify?${new URLSearchParams(sealed.query)}`, {
    method: "POST",
    body: sealed.body,
    headers: { "content-type": "text/xml" },
  });

const sealed = (message: Record<string, string | number>, timestamp = nowSeconds()) =>
  sealComponentPush({ AppId: TEST_COMPONENT.componentAppid, ...message }, TEST_COMPONENT, { timestamp: String(timestamp) });

const ticketPush = (ticket: string, createTime = nowSeconds(), timestamp = nowSeconds()) =>
  sealed({ CreateTime: createTime, InfoType: "component_verify_ticket", ComponentVerifyTicket: ticket }, timestamp);

before(async () => {
  stack = await startStack({ env: { PUSH_TIMESTAMP_TOLERANCE_SECONDS: "900" } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  await stack.ready();
});

after(async () => stack?.stop());

describe("[PUSHES][REPLAY] the authorization-event URL", () => {
  it("refuses a push whose signed timestamp is outside the tolerance, names the skew, stores nothing, and the overview says so", async () => {
    const tickets = await db().verifyTicket.count();
    for (const skew of [-1000, 1000]) {
      const answer = await notify(ticketPush(`ticket@@@skewed${skew}`, nowSeconds() + skew, nowSeconds() + skew));
      assert.equal(answer.status, 400);
      assert.match(await answer.text(), new RegExp(`(99\\d|100\\d) s ${skew > 0 ? "ahead of" : "behind"} this server's clock`));
    }
    assert.equal(await db().verifyTicket.count(), tickets, "nothing stored");

    // The simulator's clock running 20 minutes fast: its own pushes are refused too.
    stack.simulator.advanceClock(1200);
    try {
      const delivery = await stack.simulator.pushTicket();
      assert.equal(delivery.ok, false);
    } finally {
      stack.simulator.advanceClock(-1200);
    }
    const event = await db().event.findFirst({ where: { kind: "push.rejected" }, orderBy: { id: "desc" } });
    assert.equal(JSON.parse(event!.detail!).reason, "clock_skew");

    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const overview = await (await fetch(`${stack.app.url}/overview`, { headers: { cookie, "accept-language": "en" } })).text();
    assert.match(overview, /WeChat pushes refused for their timestamp/);
    assert.match(overview, /check NTP/);
  });

  it("answers an exact replay success and does nothing with it", async () => {
    const push = ticketPush("ticket@@@replayed");
    const before = await db().verifyTicket.count();
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await notify(push);
      assert.equal(answer.status, 200);
      assert.equal(await answer.text(), "success");
    }
    assert.equal(await db().verifyTicket.count(), before + 1, "stored once");
    assert.equal(await db().pushReceipt.count({ where: { msgSignature: push.query.msg_signature } }), 1);
  });

  it("treats the same push with its msg_signature in another case as the replay it is", async () => {
    const push = ticketPush("ticket@@@replayed-in-upper-case");
    const before = await db().verifyTicket.count();
    const upper = { ...push, query: { ...push.query, msg_signature: push.query.msg_signature.toUpperCase() } };
    const mixed = { ...push, query: { ...push.query, msg_signature: push.query.msg_signature.replace(/[a-f]/, (c) => c.toUpperCase()) } };
    for (const attempt of [push, upper, mixed]) {
      const answer = await notify(attempt);
      assert.equal(answer.status, 200);
      assert.equal(await answer.text(), "success");
    }
    assert.equal(await db().verifyTicket.count(), before + 1, "stored once");
    const receipts = await db().pushReceipt.findMany({
      where: { msgSignature: { in: [push.query.msg_signature, upper.query.msg_signature] } },
    });
    assert.deepEqual(
      receipts.map((receipt) => receipt.msgSignature),
      [push.query.msg_signature],
      "one receipt, lower case",
    );
  });

  it("keeps the newest ticket by CreateTime: an older ticket delivered later never replaces it", async () => {
    const { getLatestVerifyTicket } = await import("../../lib/platform/component/get-latest-verify-ticket");
    assert.equal((await notify(ticketPush("ticket@@@newer", nowSeconds()))).status, 200);
    assert.equal((await notify(ticketPush("ticket@@@older", nowSeconds() - 600))).status, 200);
    assert.equal((await getLatestVerifyTicket())?.ticket, "ticket@@@newer");
  });

  it("ignores an unauthorized push created before the account's latest authorization", async () => {
    const [account] = stack.simulator.addAccounts(1);
    const authorizedAt = nowSeconds();
    assert.equal((await stack.simulator.authorizeProgrammatically({ appid: account.appid }).delivery)!.ok, true);
    await eventually(
      async () => ((await db().authorizer.findFirst({ where: { appid: account.appid } }))?.accessToken ? true : undefined),
      "authorization saved",
    );

    // A cancellation from before this authorization (a previous one, delivered late or captured and replayed).
    const late = sealed({ CreateTime: authorizedAt - 120, InfoType: "unauthorized", AuthorizerAppid: account.appid });
    assert.equal((await notify(late)).status, 200);
    const row = await db().authorizer.findFirstOrThrow({ where: { appid: account.appid } });
    assert.equal(row.status, "authorized");
    assert.ok(row.accessToken, "its token is still served");
    const event = await db().event.findFirst({ where: { appid: account.appid, kind: "authorization.cancelled" } });
    assert.match(event!.message, /ignored/);

    // A real cancellation now still applies.
    assert.equal((await stack.simulator.cancelAuthorization(account.appid)).ok, true);
    assert.equal((await db().authorizer.findFirstOrThrow({ where: { appid: account.appid } })).status, "unauthorized");
  });

  it("ignores an authorized push created before the account's latest cancellation, without calling WeChat", async () => {
    const [account] = stack.simulator.addAccounts(1);
    const { authCode } = stack.simulator.authorizeProgrammatically({ appid: account.appid, shouldPush: false });
    const createTime = nowSeconds() - 120;
    await db().authorizer.create({ data: { appid: account.appid, status: "unauthorized", unauthorizedAt: new Date() } });
    const calls = stack.simulator.calls({ api: "api_query_auth" }).length;
    const late = sealed({
      CreateTime: createTime,
      InfoType: "authorized",
      AuthorizerAppid: account.appid,
      AuthorizationCode: authCode,
      AuthorizationCodeExpiredTime: createTime + 3600,
    });
    assert.equal((await notify(late)).status, 200);
    await eventually(
      async () => ((await db().event.count({ where: { appid: account.appid, kind: "push.ignored" } })) ? true : undefined),
      "push ignored",
    );
    assert.equal(stack.simulator.calls({ api: "api_query_auth" }).length, calls, "no exchange");
    assert.equal((await db().authorizer.findFirstOrThrow({ where: { appid: account.appid } })).status, "unauthorized");
  });
});
