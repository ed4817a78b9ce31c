import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sealAuthorizerMessage } from "../../lib/wechat/message";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { startReceiver, type TReceiver } from "../../simulator/receiver";
import { testProvider } from "../helpers/database";
import { startStack, type TStack } from "../helpers/stack";

// One event to many rules stores its body once: one DeliveryBody row, encrypted once, and one Delivery row per rule
// that refers to it. Every receiver still gets the whole body, its own delivery id in the envelope.

const RULES = 10;
let stack: TStack;
let receiver: TReceiver;
let adminKey: string;

before(async () => {
  receiver = await startReceiver();
  stack = await startStack({ apps: 2 });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "forwarding body admin", role: "admin" })).key;
});

after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe("[FORWARDING] a body stored once", () => {
  it(`a message matching ${RULES} rules writes one body row; all ${RULES} deliveries arrive with that body, each signed with its own id`, async () => {
    const appid = "wx00000000000000b1";
    const ruleIds: string[] = [];
    for (let index = 0; index < RULES; index++) {
      const created = await fetch(`${stack.app.url}/api/v1/forwarding-rules`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `body once ${index}`, url: receiver.url, types: ["message.text"], appids: [appid] }),
      });
      const rule = (await created.json()) as { id: string; secret: string };
      assert.equal(created.status, 201);
      receiver.secrets.push(rule.secret);
      ruleIds.push(rule.id);
    }
    // Each instance reads the enabled rules at most every 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const bodiesBefore = await stack.database.db.deliveryBody.count();
    const sealed = sealAuthorizerMessage(
      {
        ToUserName: "gh_000000000001",
        FromUserName: "ozy4qt5QUADNXORxCVipKMV9dss0",
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: "text",
        Content: "one body for ten rules",
        MsgId: "8100000000000000001",
      },
      TEST_COMPONENT,
    );
    const answer = await fetch(`${stack.app.url}/api/wechat/messages/${appid}?${new URLSearchParams(sealed.query)}`, {
      method: "POST",
      body: sealed.body,
    });
    assert.equal(await answer.text(), "success");

    const received = await eventually(() => {
      const items = receiver.received.filter((item) => item.body.includes("one body for ten rules"));
      return items.length >= RULES ? items : undefined;
    }, `all ${RULES} rules received the message`);
    assert.equal(received.length, RULES, "each rule once");
    assert.ok(received.every((item) => item.signatureOk));
    const rest = received.map((item) => {
      const { id, ...envelope } = JSON.parse(item.body) as { id: string };
      assert.equal(id, item.deliveryId, "the envelope's id is the delivery's webhook-id");
      return JSON.stringify(envelope);
    });
    assert.equal(new Set(rest).size, 1, "the same body but for the id");
    assert.equal(new Set(received.map((item) => item.deliveryId)).size, RULES, "a delivery id per rule");

    const deliveries = await stack.database.db.delivery.findMany({ where: { ruleId: { in: ruleIds } }, select: { bodyId: true } });
    assert.equal(deliveries.length, RULES, "one delivery row per rule");
    assert.equal(new Set(deliveries.map((row) => row.bodyId)).size, 1, "all refer to one body");
    assert.equal((await stack.database.db.deliveryBody.count()) - bodiesBefore, 1, "exactly one body row written");
    const [body] = await stack.database.db.deliveryBody.findMany({ where: { id: deliveries[0].bodyId } });
    assert.ok(body.isEnvelope && !body.content.includes("one body"), "stored encrypted");
  });

  it("fan-out rows raced by two apps' delivery threads and clients in this process become each rule's delivery exactly once, in order", async () => {
    const { createDbClient } = await import("../../lib/db");
    const { makeFannedOutDeliveries } = await import("../../lib/platform/deliveries/make-fanned-out-deliveries");
    const { encryptSecret } = await import("../../lib/secrets");
    const db = stack.database.db;
    // A disabled rule: its deliveries are made and wait (nothing is sent), so the rows can be counted.
    const rule = await db.forwardingRule.create({
      data: {
        id: `fanout-race-rule`,
        name: "fan-out race",
        url: "http://127.0.0.1:9/",
        types: JSON.stringify(["*"]),
        appids: "[]",
        isEnabled: false,
        secret: encryptSecret("whsec_unused"),
        secretHint: "unused",
        createdBy: "test",
      },
    });
    const COUNT = 1000;
    const start = Date.now();
    const bodyIds = Array.from({ length: COUNT }, (_, index) => `fanout-race-${String(index).padStart(4, "0")}`);
    await db.deliveryBody.createMany({
      data: bodyIds.map((id) => ({ id, content: encryptSecret("{}"), contentType: "application/json" })),
    });
    await db.deliveryFanout.createMany({
      data: bodyIds.map((bodyId, index) => ({
        bodyId,
        appid: "wx00000000000000b2",
        type: "message.text",
        // A rule deleted since the message arrived is skipped.
        ruleIds: `${rule.id},deleted-rule`,
        giveUpAt: new Date(start + 86_400_000),
        createdAt: new Date(start + index),
      })),
    });
    // Racing: both apps' delivery threads (they poll every second) and clients in this process (one on SQLite: two
    // connections in one thread would wait on each other's write lock).
    const clients = Array.from({ length: testProvider() === "postgres" ? 3 : 1 }, () => createDbClient(stack.database.url));
    try {
      await Promise.all(
        clients.map(async (client) => {
          while ((await client.deliveryFanout.count()) > 0) await makeFannedOutDeliveries(client);
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
    const made = await db.delivery.findMany({ where: { ruleId: rule.id }, orderBy: { id: "asc" }, select: { bodyId: true, status: true } });
    assert.equal(made.length, COUNT, "one delivery per fan-out row, none twice");
    assert.deepEqual(
      made.map((row) => row.bodyId),
      bodyIds,
      "made in the order the messages arrived",
    );
    assert.ok(made.every((row) => row.status === "pending"));
    assert.equal(await db.deliveryFanout.count(), 0);
    await db.forwardingRule.delete({ where: { id: rule.id } });
  });

  it("a test delivery goes through the same body table", async () => {
    const [rule] = await stack.database.db.forwardingRule.findMany({ take: 1, select: { id: true } });
    const sent = await fetch(`${stack.app.url}/api/v1/forwarding-rules/${rule.id}/test`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(sent.status, 200, await sent.clone().text());
    const item = await eventually(() => receiver.received.find((entry) => entry.type === "wxopen.test"), "the test delivery arrived");
    assert.ok(item.signatureOk);
    assert.equal((JSON.parse(item.body) as { id: string; type: string }).id, item.deliveryId);
  });
});
