import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { verifyLegacySignature } from "../../lib/platform/deliveries/delivery-signature";
import { sealAuthorizerMessage } from "../../lib/wechat/message";
import { eventually, startApp, TEST_COMPONENT } from "../helpers/app";
import { startReceiver, verifiesWith, type TReceived, type TReceiver } from "../../simulator/receiver";
import { startStack, type TStack } from "../helpers/stack";

// Forwarding end to end: rules through the API, deliveries through the outbox and the worker of two real app
// processes, to a receiver that checks every signature with the standardwebhooks library.

let stack: TStack;
let receiver: TReceiver;
let adminKey: string;
let operatorKey: string;
let sequence = 0;

const api = async (path: string, { method = "GET", body, key = adminKey }: { method?: string; body?: unknown; key?: string } = {}) => {
  const response = await fetch(`${stack.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", origin: stack.app.url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
};

/** A user's message as WeChat posts it to the message URL. */
const sendMessage = async (appid: string, fields: Record<string, string | number>, appIndex = 0) => {
  const sealed = sealAuthorizerMessage(
    { ToUserName: "gh_000000000001", FromUserName: "ozy4qt5QUADNXORxCVipKMV9dss0", CreateTime: Math.floor(Date.now() / 1000), ...fields },
    TEST_COMPONENT,
  );
  const response = await fetch(`${stack.apps[appIndex].url}/api/wechat/messages/${appid}?${new URLSearchParams(sealed.query)}`, {
    method: "POST",
    body: sealed.body,
  });
  return { status: response.status, text: await response.text() };
};

const text = (content: string) => ({ MsgType: "text", Content: content, MsgId: String(8_000_000_000_000_000 + ++sequence) });

/** A received request sent to the receiver again, its body or headers changed on the way (a tampering proxy). */
const replay = async (item: TReceived, { body = item.body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}) => {
  const marker = randomUUID();
  const passed = ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature", "x-wxopen-event", "x-wxopen-delivery"];
  const response = await fetch(receiver.url, {
    method: "POST",
    headers: { ...Object.fromEntries(passed.map((name) => [name, item.headers[name]])), ...headers, "x-replay": marker },
    body,
  });
  await response.text();
  return receiver.received.find((entry) => entry.headers["x-replay"] === marker)!;
};

const createRule = async (fields: Record<string, unknown>) => {
  const created = await api("/api/v1/forwarding-rules", {
    method: "POST",
    body: { name: `rule ${++sequence}`, url: receiver.url, ...fields },
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  receiver.secrets.push(String(created.json.secret));
  return created.json as { id: string; secret: string };
};

before(async () => {
  receiver = await startReceiver();
  stack = await startStack({ apps: 2, env: { DELIVERY_RETRY_BASE_SECONDS: "1" } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "forwarding admin", role: "admin" })).key;
  operatorKey = (await createApiKey({ name: "forwarding operator", role: "operator" })).key;
});

after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe("[FORWARDING] rules through /api/v1/forwarding-rules", () => {
  it("creates a rule for an admin key (the secret answered once), refuses an operator and bad input, edits and deletes", async () => {
    const created = await createRule({ types: ["message.text"], appids: ["wx1234567890abcdef"] });
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, "whsec_ + standard base64 of 32 bytes");
    const read = await api(`/api/v1/forwarding-rules/${created.id}`, { key: operatorKey });
    assert.equal(read.status, 200);
    assert.ok(!JSON.stringify(read.json).includes(created.secret) && !("secret" in read.json), "never read back");
    assert.equal(read.json.secretHint, `${created.secret.slice(0, 10)}…`);

    const refused = await api("/api/v1/forwarding-rules", {
      method: "POST",
      key: operatorKey,
      body: { name: "x", url: receiver.url, types: ["*"] },
    });
    assert.equal(refused.status, 403);
    for (const [body, pattern] of [
      [{ name: "x", url: receiver.url, types: [] }, /at least one event type/],
      [{ name: "x", url: "ftp://example.com/", types: ["*"] }, /http/],
      [{ name: "x", url: "http://169.254.169.254/latest/meta-data", types: ["*"] }, /link-local or cloud-metadata/],
      [{ name: "x", url: "http://[fd00:ec2::254]/", types: ["*"] }, /link-local or cloud-metadata/],
      [{ name: "x", url: "http://[::ffff:169.254.169.254]/", types: ["*"] }, /link-local or cloud-metadata/],
      [{ name: "x", url: "http://user:pass@127.0.0.1/", types: ["*"] }, /user name or password/],
      [{ name: "x", url: receiver.url, types: ["authorization.*"], mode: "sync" }, /sync rule forwards messages and events only/],
      [{ name: "x", url: receiver.url, types: ["message.text"], appids: ["not-an-appid"] }, /appid/],
    ] as const) {
      const answer = await api("/api/v1/forwarding-rules", { method: "POST", body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(answer.json.error!.message, pattern);
    }
    const before = (await api("/api/v1/forwarding-rules")).json.items as unknown[];

    const patched = await api(`/api/v1/forwarding-rules/${created.id}`, {
      method: "PATCH",
      body: { enabled: false, types: ["message.*"] },
    });
    assert.deepEqual([patched.status, patched.json.enabled, patched.json.types], [200, false, ["message.*"]]);
    assert.equal(
      (await api(`/api/v1/forwarding-rules/${created.id}`, { method: "PATCH", body: { url: "http://169.254.1.1/" } })).status,
      400,
    );
    const rotated = await api(`/api/v1/forwarding-rules/${created.id}/rotate-secret`, { method: "POST" });
    assert.notEqual(rotated.json.secret, created.secret);
    assert.equal((await api(`/api/v1/forwarding-rules/${created.id}`, { method: "DELETE" })).status, 200);
    assert.equal((await api(`/api/v1/forwarding-rules/${created.id}`)).status, 404);
    assert.equal(((await api("/api/v1/forwarding-rules")).json.items as unknown[]).length, before.length - 1);
  });
});

describe("[FORWARDING] deliveries", () => {
  it("delivers a text message to an async rule, signed (Standard Webhooks); a body, id or timestamp changed in transit fails; an xml rule gets the XML", async () => {
    const appid = "wx00000000000000a1";
    const json = await createRule({ types: ["message.text"], appids: [appid] });
    const jsonSecret = json.secret;
    const xml = await createRule({ types: ["message.*"], appids: [appid], format: "xml" });
    receiver.received.length = 0;
    assert.deepEqual(await sendMessage(appid, text("hello forwarding")), { status: 200, text: "success" });
    const [asJson, asXml] = await eventually(() => {
      const jsonOne = receiver.received.find((item) => item.contentType === "application/json");
      const xmlOne = receiver.received.find((item) => item.contentType === "application/xml");
      return jsonOne && xmlOne ? [jsonOne, xmlOne] : undefined;
    }, "both rules received the message");
    const envelope = JSON.parse(asJson.body) as {
      id: string;
      type: string;
      appid: string;
      occurredAt: string;
      data: { fields: { Content: string } };
    };
    assert.deepEqual(
      [envelope.id, envelope.type, envelope.appid, envelope.data.fields.Content],
      [asJson.deliveryId, "message.text", appid, "hello forwarding"],
    );
    assert.deepEqual(
      [asJson.type, asJson.headers["x-wxopen-delivery"], asXml.type],
      ["message.text", asJson.deliveryId, "message.text"],
      "X-Wxopen-Event and X-Wxopen-Delivery are still sent",
    );
    assert.ok(asJson.signatureOk && asXml.signatureOk, "the receiver verified both with standardwebhooks");
    assert.ok(verifiesWith(jsonSecret, asJson.body, asJson.headers), "signed with the json rule's secret");
    assert.ok(verifiesWith(xml.secret, asXml.body, asXml.headers), "signed with the xml rule's secret");
    assert.ok(!verifiesWith(jsonSecret, asXml.body, asXml.headers), "another rule's secret fails");
    assert.ok(verifyLegacySignature(jsonSecret, asJson.headers["x-wxopen-signature"], asJson.body), "the deprecated header, as before");
    assert.match(
      asXml.body,
      /^<xml><ToUserName><!\[CDATA\[gh_000000000001\]\]><\/ToUserName>.*<Content><!\[CDATA\[hello forwarding\]\]><\/Content>/s,
    );
    // The same requests again, changed on the way: only the unchanged copy verifies (so receivers process an id once).
    assert.equal((await replay(asJson)).signatureOk, true, "an unchanged copy verifies");
    for (const [item, change, what] of [
      [asJson, { body: asJson.body.replace("hello", "HELLO") }, "the JSON body changed"],
      [asXml, { body: asXml.body.replace("hello", "HELLO") }, "the XML body changed"],
      [asJson, { headers: { "webhook-id": randomUUID() } }, "the id changed"],
      [asXml, { headers: { "webhook-id": asJson.deliveryId } }, "another delivery's id"],
      [asJson, { headers: { "webhook-timestamp": String(Number(asJson.headers["webhook-timestamp"]) + 1) } }, "the timestamp changed"],
      [asJson, { headers: { "webhook-signature": asXml.headers["webhook-signature"] } }, "another delivery's signature"],
    ] as const)
      assert.equal((await replay(item, change)).signatureOk, false, `${what}: verification fails`);
    // The receiver has the bodies; wxopen records the outcome once the answer is back.
    const stored = await eventually(async () => {
      const rows = await stack.database.db.delivery.findMany({ where: { appid } });
      return rows.length > 0 && rows.every((row) => row.status === "succeeded") ? rows : undefined;
    }, "both deliveries recorded as succeeded");
    // Sent from the server's delivery thread, and counted in the registry /api/metrics reads, on whichever app sent it.
    await eventually(async () => {
      let total = 0;
      for (const app of stack.apps) {
        const metrics = await (await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${adminKey}` } })).text();
        const counted = metrics.match(new RegExp(`wxopen_deliveries_total\\{outcome="delivered",rule="${json.id}"\\} (\\d+)`));
        total += counted ? Number(counted[1]) : 0;
      }
      return total === 1 ? true : undefined;
    }, "the json rule's one delivery counted once in the apps' metrics");
    // The bodies live in DeliveryBody, one per event (here two: the JSON envelope and the XML), shared by its deliveries.
    const bodies = await stack.database.db.deliveryBody.findMany({ where: { id: { in: stored.map((row) => row.bodyId) } } });
    assert.equal(bodies.length, 2, "one JSON body and one XML body");
    assert.ok(
      bodies.every((row) => !row.content.includes("hello")),
      "bodies encrypted at rest",
    );
    await disable(json.id, xml.id);
  });
});

describe("[FORWARDING] authorization changes", () => {
  it("authorization.authorized and authorization.unauthorized reach a rule when the simulator authorizes and cancels", async () => {
    await stack.ready();
    const rule = await createRule({ types: ["authorization.*"] });
    const [account] = stack.simulator.addAccounts(1, { kind: "official_account" });
    receiver.received.length = 0;
    await stack.simulator.authorizeProgrammatically({ appid: account.appid, funcIds: [1, 2] }).delivery;
    const authorized = await eventually(
      () => receiver.received.find((item) => item.type === "authorization.authorized"),
      "authorized forwarded",
    );
    const data = JSON.parse(authorized.body) as { appid: string; data: { name: string; scopes: Array<{ id: number }> } };
    assert.deepEqual([data.appid, data.data.name, data.data.scopes.map((scope) => scope.id)], [account.appid, account.nickName, [1, 2]]);
    assert.ok(authorized.signatureOk);
    await stack.simulator.cancelAuthorization(account.appid);
    const cancelled = await eventually(
      () => receiver.received.find((item) => item.type === "authorization.unauthorized"),
      "unauthorized forwarded",
    );
    assert.equal((JSON.parse(cancelled.body) as { appid: string }).appid, account.appid);
    await disable(rule.id);
  });
  it("authorizer.needs_reauthorization reaches a rule when WeChat voids an account's tokens (42007)", async () => {
    await stack.ready();
    const [account] = stack.simulator.addAccounts(1, { kind: "official_account" });
    await stack.simulator.authorizeProgrammatically({ appid: account.appid, funcIds: [1] }).delivery;
    await eventually(
      async () => ((await stack.database.db.authorizer.count({ where: { appid: account.appid } })) === 1 ? true : undefined),
      "account stored",
    );
    const rule = await createRule({ types: ["authorizer.*"], appids: [account.appid] });
    receiver.received.length = 0;
    stack.simulator.addFault({
      api: "api_authorizer_token",
      mode: "errcode",
      errcode: 42007,
      times: -1,
      match: { authorizer_appid: account.appid },
    });
    try {
      const refreshed = await api(`/api/v1/authorizers/${account.appid}/refresh`, { method: "POST" });
      assert.equal(refreshed.status, 409, JSON.stringify(refreshed.json));
    } finally {
      stack.simulator.clearFaults();
    }
    const item = await eventually(
      () => receiver.received.find((entry) => entry.type === "authorizer.needs_reauthorization"),
      "needs_reauthorization forwarded",
    );
    const body = JSON.parse(item.body) as { appid: string; data: { errcode: number; source: string; reason: string } };
    assert.deepEqual([body.appid, body.data.errcode, body.data.source], [account.appid, 42007, "refresh"]);
    assert.match(body.data.reason, /42007/);
    assert.ok(item.signatureOk);
    await disable(rule.id);
  });

  it("component.ticket_stale goes out once when no ticket arrived for 30 minutes", async () => {
    await stack.ready();
    const rule = await createRule({ types: ["component.*"] });
    receiver.received.length = 0;
    const db = stack.database.db;
    const long = new Date(Date.now() - 31 * 60_000);
    const stale = await db.verifyTicket.create({ data: { ticket: "never read", createTime: long, receivedAt: long } });
    const { reportStaleTicket } = await import("../../lib/platform/component/report-stale-ticket");
    // Several sweeps (this process's and the apps' own) look at the same silence: one report among them.
    const reports = await Promise.all([reportStaleTicket(), reportStaleTicket(), reportStaleTicket()]);
    assert.ok(reports.filter(Boolean).length <= 1, `reported once, not ${reports.filter(Boolean).length} times`);
    assert.equal(await reportStaleTicket(), false);
    const item = await eventually(
      () => receiver.received.find((entry) => entry.type === "component.ticket_stale"),
      "ticket_stale forwarded",
    );
    const body = JSON.parse(item.body) as { appid: string | null; data: { componentAppid: string; silentMinutes: number } };
    assert.deepEqual([body.appid, body.data.componentAppid, body.data.silentMinutes], [null, TEST_COMPONENT.componentAppid, 31]);
    assert.equal(await db.event.count({ where: { kind: "ticket.stale" } }), 1);
    await db.verifyTicket.delete({ where: { id: stale.id } });
    await disable(rule.id);
  });
});

describe("[FORWARDING] sync rules", () => {
  it("a sync rule's reply reaches the simulated user as the passive reply; a hung receiver still lets wxopen answer in time, then delivers async", async () => {
    await stack.ready();
    const [account] = stack.simulator.addAccounts(1, { kind: "official_account" });
    await stack.simulator.authorizeProgrammatically({ appid: account.appid, funcIds: [1] }).delivery;
    const rule = await createRule({ types: ["message.text"], appids: [account.appid], mode: "sync", format: "xml" });
    receiver.mode = {
      kind: "reply",
      xml: `<xml><ToUserName><![CDATA[user]]></ToUserName><FromUserName><![CDATA[${account.userName}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[来自客服台的回复]]></Content></xml>`,
    };
    const replied = await stack.simulator.sendMessage({ appid: account.appid, kind: "text", content: "我的订单到哪了？" });
    assert.deepEqual([replied.status, replied.attempts, replied.reply.kind], [200, 1, "text"]);
    assert.equal(replied.reply.kind === "text" && replied.reply.content, "来自客服台的回复");

    receiver.mode = { kind: "hang" };
    const hung = await stack.simulator.sendMessage({ appid: account.appid, kind: "text", content: "还在吗？" });
    assert.deepEqual([hung.status, hung.attempts, hung.reply.kind], [200, 1, "none"], "answered success on the first attempt");
    assert.ok((hung.latencyMs ?? Infinity) < 5000, `answered in ${hung.latencyMs} ms, inside WeChat's 5 s`);
    receiver.mode = { kind: "ok" };
    const delivered = await eventually(
      async () =>
        (await stack.database.db.delivery.findMany({ where: { ruleId: rule.id, status: "succeeded" } })).find((row) => row.attempts >= 2),
      "the hung message delivered again, async",
      30_000,
    );
    assert.equal(delivered.status, "succeeded");
    await disable(rule.id);
  });
});

describe("[FORWARDING] Standard Webhooks signatures", () => {
  it("a delivery retried, then redelivered once dead, keeps its webhook-id; each attempt is signed at its own time", async () => {
    const appid = "wx00000000000000d1";
    const rule = await createRule({ types: ["message.text"], appids: [appid] });
    const db = stack.database.db;
    receiver.received.length = 0;
    receiver.mode = { kind: "fail", status: 503 };
    try {
      assert.equal((await sendMessage(appid, text("retried"))).status, 200);
      await eventually(() => (receiver.received.length >= 2 ? true : undefined), "two attempts refused", 15_000);
      // Dead between two attempts (the row's lease is free then: an attempt in flight would write its outcome over it).
      await eventually(
        async () =>
          (await db.delivery.updateMany({ where: { ruleId: rule.id, status: "pending", leaseToken: null }, data: { status: "dead" } }))
            .count === 1
            ? true
            : undefined,
        "the delivery marked dead",
      );
      const attemptsBefore = receiver.received.length;
      receiver.mode = { kind: "ok" };
      const redelivered = await api(`/api/v1/forwarding-rules/${rule.id}/redeliver`, { method: "POST", body: {} });
      assert.deepEqual([redelivered.status, redelivered.json.redelivered], [200, 1]);
      await eventually(() => receiver.received.find((item) => item.answeredStatus === 200), "redelivered", 15_000);
      assert.ok(receiver.received.length > attemptsBefore);
    } finally {
      receiver.mode = { kind: "ok" };
      await disable(rule.id);
    }
    const [row] = await db.delivery.findMany({ where: { ruleId: rule.id } });
    const attempts = receiver.received;
    assert.ok(attempts.length >= 3, `${attempts.length} attempts`);
    assert.deepEqual(
      [...new Set(attempts.map((item) => [item.deliveryId, item.headers["x-wxopen-delivery"], JSON.parse(item.body).id].join(" ")))],
      [`${row.publicId} ${row.publicId} ${row.publicId}`],
      "one webhook-id on every attempt: the delivery's id, as in the body and X-Wxopen-Delivery",
    );
    assert.ok(attempts.every((item) => item.signatureOk));
    const stamps = attempts.map((item) => Number(item.headers["webhook-timestamp"]));
    assert.deepEqual(
      stamps,
      [...stamps].sort((a, b) => a - b),
    );
    assert.ok(
      attempts.every((item) => Math.abs(item.at / 1000 - Number(item.headers["webhook-timestamp"])) < 3),
      "webhook-timestamp is the attempt's time",
    );
  });

  it("a rule whose secret was issued before (whsec_ + base64url) still verifies, its characters the key; the deprecated header too", async () => {
    const appid = "wx00000000000000d2";
    const rule = await createRule({ types: ["message.text"], appids: [appid] });
    const older = `whsec_${randomBytes(32).toString("base64url")}`;
    const { encryptSecret } = await import("../../lib/secrets");
    await stack.database.db.forwardingRule.update({
      where: { id: rule.id },
      data: { secret: encryptSecret(older), secretHint: `${older.slice(0, 10)}…` },
    });
    receiver.secrets.push(older);
    receiver.received.length = 0;
    assert.equal((await sendMessage(appid, text("an older secret"))).status, 200);
    const item = await eventually(() => receiver.received.find((entry) => entry.answeredStatus === 200), "delivered");
    assert.ok(item.signatureOk);
    assert.ok(verifiesWith(older, item.body, item.headers), "new Webhook(secret, { format: 'raw' }) verifies it");
    assert.ok(!verifiesWith(rule.secret, item.body, item.headers), "the secret it replaced does not");
    const asStandard = `whsec_${Buffer.from(older).toString("base64")}`;
    assert.doesNotThrow(
      () => new Webhook(asStandard).verify(item.body, item.headers, { jsonParse: false }),
      "so does whsec_ + base64 of its characters, the form any language's library reads",
    );
    assert.throws(() => new Webhook(older).verify(item.body, item.headers, { jsonParse: false }), "read as base64, it is not the key");
    assert.ok(verifyLegacySignature(older, item.headers["x-wxopen-signature"], item.body), "X-Wxopen-Signature as before");
    await disable(rule.id);
  });
});

describe("[FORWARDING] durability and order", () => {
  it("a disabled rule is paused: its queued delivery waits, and goes out once the rule is enabled again", async () => {
    const appid = "wx00000000000000c1";
    const rule = await createRule({ types: ["message.text"], appids: [appid] });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the apps read enabled rules at most every 2 s
    receiver.received.length = 0;
    receiver.mode = { kind: "fail", status: 503 };
    try {
      assert.equal((await sendMessage(appid, text("paused"))).status, 200);
      await eventually(() => receiver.received.find((item) => item.answeredStatus === 503), "first attempt refused");
      await api(`/api/v1/forwarding-rules/${rule.id}`, { method: "PATCH", body: { enabled: false } });
      receiver.mode = { kind: "ok" };
      // Retries come after ~1 s here (DELIVERY_RETRY_BASE_SECONDS=1): none while the rule is disabled.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(receiver.received.filter((item) => item.answeredStatus === 200).length, 0, "nothing sent while disabled");
      await api(`/api/v1/forwarding-rules/${rule.id}`, { method: "PATCH", body: { enabled: true } });
      await eventually(() => receiver.received.find((item) => item.answeredStatus === 200), "sent once enabled", 15_000);
    } finally {
      receiver.mode = { kind: "ok" };
      await disable(rule.id);
    }
  });
  it("[RACE] the receiver down while 1,000 messages arrive, and an app SIGKILLed in the middle: all 1,000 delivered, in order per account", async () => {
    const appids = ["wx00000000000000b1", "wx00000000000000b2"];
    await createRule({ types: ["message.text"], appids });
    receiver.received.length = 0;
    await receiver.stop();
    const sent: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      const appid = appids[index % 2];
      const answer = await sendMessage(appid, text(`backlog ${index}`), index % 2);
      assert.equal(answer.status, 200);
      sent.push(`${appid} ${index}`);
      if (index === 500) {
        // The first app dies without a word in the middle of the backlog; a new process takes its port.
        stack.apps[0].kill();
        await receiver.start();
        receiver.mode = { kind: "fail", status: 503 };
        stack.apps[0] = await startApp({
          databaseUrl: stack.database.url,
          simulatorUrl: stack.simulator.url,
          port: stack.apps[0].port,
          env: stack.env,
        });
      }
    }
    receiver.mode = { kind: "ok" };
    const db = stack.database.db;
    await eventually(
      async () => ((await db.delivery.count({ where: { appid: { in: appids }, status: "succeeded" } })) === 1000 ? true : undefined),
      "all 1,000 delivered",
      120_000,
    );
    const ok = receiver.received.filter((item) => item.signatureOk && item.type === "message.text");
    const ids = new Set(ok.map((item) => item.deliveryId));
    assert.equal(ids.size, 1000, "1,000 distinct delivery ids arrived");
    const answered = ok.filter((item) => item.answeredStatus === 200);
    const duplicates = answered.length - new Set(answered.map((item) => item.deliveryId)).size;
    console.log(
      `[forwarding] 1,000 deliveries: ${receiver.received.length} requests, ${duplicates} delivered again after a 200 (at-least-once)`,
    );
    assert.ok(
      receiver.received.every((item) => item.concurrentSameId === 0),
      "no delivery was sent twice at once",
    );
    for (const appid of appids) {
      // Per account, the first successful arrival of each message comes in the order the messages were sent.
      const firsts = new Map<string, number>();
      for (const item of receiver.received) {
        const body = JSON.parse(item.body) as { appid: string; data: { fields: { Content: string } } };
        if (body.appid === appid && !firsts.has(item.deliveryId))
          firsts.set(item.deliveryId, Number(body.data.fields.Content.split(" ")[1]));
      }
      const order = [...firsts.values()];
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        `${appid}: deliveries in the order the messages arrived`,
      );
    }
  });
});

const disable = async (...ids: string[]) => {
  for (const id of ids) await api(`/api/v1/forwarding-rules/${id}`, { method: "PATCH", body: { enabled: false } });
};
