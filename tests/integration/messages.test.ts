import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { computeSignature, decryptMessage, encryptMessage } from "../../lib/wechat/crypto";
import { buildXml, parseXml, xmlText } from "../../lib/wechat/xml";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// The message-and-event URL against two real app processes: messages are verified, stored encrypted and once per
// retry set, and the release check's test accounts get their passive replies.

let stack: TStack;
const db = () => stack.database.db;
const CHECK_APPID = "wx570bc396a51b8ff8"; // release-check group 1, gh_3c884a361561
const SENDER = "ozy4qt5QUADNXORxCVipKMV9dss0";
let sequence = 0;

/** A message as WeChat posts it: ToUserName in the envelope, the component's key, a fresh timestamp. */
const seal = (fields: Record<string, string | number>, credentials = TEST_COMPONENT) => {
  const encrypted = encryptMessage({
    encodingAesKey: credentials.encodingAesKey,
    receiveId: credentials.componentAppid,
    message: buildXml(fields),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(100_000 + ++sequence);
  const query = {
    timestamp,
    nonce,
    openid: String(fields.FromUserName),
    encrypt_type: "aes",
    msg_signature: computeSignature(credentials.token, timestamp, nonce, encrypted),
  };
  return { query, body: buildXml({ ToUserName: String(fields.ToUserName), Encrypt: encrypted }) };
};

const post = async (appid: string, sealed: ReturnType<typeof seal>, appIndex = 0) => {
  const response = await fetch(`${stack.apps[appIndex].url}/api/wechat/messages/${appid}?${new URLSearchParams(sealed.query)}`, {
    method: "POST",
    body: sealed.body,
    headers: { "content-type": "text/xml" },
  });
  return { status: response.status, text: await response.text() };
};

const message = (fields: Record<string, string | number>) => ({
  ToUserName: "gh_3c884a361561",
  FromUserName: SENDER,
  CreateTime: Math.floor(Date.now() / 1000) - ++sequence,
  ...fields,
});

/** The plaintext of a sealed passive reply, after checking its signature. */
const openReply = (xml: string) => {
  const reply = parseXml(xml);
  const encrypted = xmlText(reply, "Encrypt")!;
  assert.equal(
    xmlText(reply, "MsgSignature"),
    computeSignature(TEST_COMPONENT.token, xmlText(reply, "TimeStamp")!, xmlText(reply, "Nonce")!, encrypted),
  );
  return parseXml(
    decryptMessage({ encodingAesKey: TEST_COMPONENT.encodingAesKey, encrypted, expectedReceiveId: TEST_COMPONENT.componentAppid }),
  );
};

before(async () => {
  stack = await startStack({ apps: 2 });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
});

after(async () => stack?.stop());

describe("[MESSAGES] POST /api/wechat/messages/:appid", () => {
  it("stores a text, an image and three kinds of event, encrypted, and answers success", async () => {
    const appid = "wx1111111111111111";
    const sent = [
      message({ MsgType: "text", Content: "hello from a user", MsgId: "9000000000000001" }),
      message({ MsgType: "image", PicUrl: "https://example.com/p.jpg", MediaId: "media-1", MsgId: "9000000000000002" }),
      message({ MsgType: "event", Event: "subscribe" }),
      message({ MsgType: "event", Event: "CLICK", EventKey: "MENU_ORDER" }),
      message({ MsgType: "event", Event: "weapp_audit_success", SuccTime: 1488800000 }),
    ];
    for (const fields of sent) assert.deepEqual(await post(appid, seal(fields)), { status: 200, text: "success" });
    const rows = await db().authorizerMessage.findMany({ where: { appid }, orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((row) => [row.msgType, row.event]),
      [
        ["text", null],
        ["image", null],
        ["event", "subscribe"],
        ["event", "CLICK"],
        ["event", "weapp_audit_success"],
      ],
    );
    assert.equal(rows[0].isKnownAppid, false, "an account wxopen does not hold yet is accepted and marked so");
    assert.equal(rows[0].senderHint, "ozy4…dss0");
    const stored = JSON.stringify(rows);
    assert.ok(
      !stored.includes("hello from a user") && !stored.includes(SENDER) && !stored.includes("MENU_ORDER"),
      "content and sender encrypted at rest",
    );
    const { decryptSecret } = await import("../../lib/secrets");
    assert.equal(decryptSecret(rows[0].summary), "hello from a user");
    assert.equal(decryptSecret(rows[3].summary), "CLICK MENU_ORDER");

    // The Messages page's query: newest first, by type, by China day, paged.
    const { listAuthorizerMessages } = await import("../../lib/platform/messages/list-authorizer-messages");
    const listed = await listAuthorizerMessages({ appid });
    assert.deepEqual(
      listed.items.map((item) => [item.msgType, item.event, item.summary, item.senderHint, item.replyKind]),
      [
        ["event", "weapp_audit_success", "weapp_audit_success", "ozy4…dss0", "none"],
        ["event", "CLICK", "CLICK MENU_ORDER", "ozy4…dss0", "none"],
        ["event", "subscribe", "subscribe", "ozy4…dss0", "none"],
        ["image", null, "https://example.com/p.jpg", "ozy4…dss0", "none"],
        ["text", null, "hello from a user", "ozy4…dss0", "none"],
      ],
    );
    assert.equal((await listAuthorizerMessages({ appid, type: "event" })).items.length, 3);
    assert.equal((await listAuthorizerMessages({ appid, type: "voice" })).items.length, 0);
    const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await listAuthorizerMessages({ appid, date: chinaDay(0) })).items.length, 5);
    assert.equal((await listAuthorizerMessages({ appid, date: chinaDay(-1) })).items.length, 0);
    const first = await listAuthorizerMessages({ appid, limit: 3 });
    const second = await listAuthorizerMessages({ appid, limit: 3, before: first.nextBefore });
    assert.deepEqual([first.items.length, second.items.length, second.nextBefore], [3, 2, null]);
    await assert.rejects(listAuthorizerMessages({ date: "2026-13-45" }), /YYYY-MM-DD/);
  });

  it("refuses a forged, mis-keyed, oversized or malformed request, with its status, and stores nothing", async () => {
    const before = await db().authorizerMessage.count();
    const good = seal(message({ MsgType: "text", Content: "x", MsgId: "9000000000000100" }));
    assert.equal((await post("wx1111111111111111", { ...good, query: { ...good.query, msg_signature: "0".repeat(40) } })).status, 401);
    const otherPlatform = seal(message({ MsgType: "text", Content: "x", MsgId: "9000000000000101" }), {
      ...TEST_COMPONENT,
      componentAppid: "wxffffffffffffffff",
    });
    assert.equal((await post("wx1111111111111111", otherPlatform)).status, 403);
    assert.equal((await post("not-an-appid", good)).status, 400);
    assert.equal(
      (await post("wx1111111111111111", { ...good, body: `<!DOCTYPE x [<!ENTITY a "a">]><xml><Encrypt>&a;</Encrypt></xml>` })).status,
      400,
    );
    assert.equal(
      (await post("wx1111111111111111", { ...good, body: `<xml><Encrypt>${"A".repeat(70 * 1024)}</Encrypt></xml>` })).status,
      413,
    );
    assert.equal((await fetch(`${stack.app.url}/api/wechat/messages/wx1111111111111111`)).status, 405);
    assert.equal(await db().authorizerMessage.count(), before);
  });

  it("answers a retry whose msg_signature is in upper case as the retry it is: stored once, the first answer", async () => {
    const appid = "wx1111111111111111";
    const sealed = seal(message({ MsgType: "text", Content: "said once", MsgId: "9000000000000150" }));
    const upper = { ...sealed, query: { ...sealed.query, msg_signature: sealed.query.msg_signature.toUpperCase() } };
    assert.deepEqual(await post(appid, sealed), { status: 200, text: "success" });
    assert.deepEqual(await post(appid, upper, 1), { status: 200, text: "success" });
    const { hashSecret } = await import("../../lib/secrets");
    assert.equal(await db().authorizerMessage.count({ where: { appid, dedupeKey: hashSecret("msg:9000000000000150") } }), 1);
  });

  it("refuses (403) a message sealed for another account than the URL's, when wxopen knows the account's original id: not stored, not forwarded, an event without content", async () => {
    await stack.ready();
    const [mine, other] = stack.simulator.addAccounts(2, { authorize: true, shouldPush: true, kind: "official_account" });
    await eventually(async () => {
      const rows = await db().authorizer.findMany({ where: { appid: { in: [mine.appid, other.appid] }, userName: { not: "" } } });
      return rows.length === 2 ? true : undefined;
    }, "both accounts stored with their original ids");
    // A rule for every event of `mine`: a control message proves it forwards, so "no delivery" below means something.
    const ruleId = randomUUID();
    const { encryptSecret } = await import("../../lib/secrets");
    await db().forwardingRule.create({
      data: {
        id: ruleId,
        name: "misaddressed",
        url: "http://127.0.0.1:9/",
        types: JSON.stringify(["*"]),
        appids: JSON.stringify([mine.appid]),
        secret: encryptSecret("whsec_unused"),
        secretHint: "unused",
        createdBy: "test",
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the apps read active rules every 2 s

    const toMine = message({ ToUserName: mine.userName, MsgType: "text", Content: "for mine", MsgId: "9000000000000160" });
    assert.deepEqual(await post(mine.appid, seal(toMine)), { status: 200, text: "success" });
    // The delivery worker makes the message's delivery from its fan-out row, just after the answer.
    await eventually(
      async () => ((await db().delivery.count({ where: { ruleId } })) === 1 ? true : undefined),
      "the control message is forwarded",
    );

    const rowsBefore = await db().authorizerMessage.count();
    const secret = "secret words for the other account";
    const forOther = seal(message({ ToUserName: other.userName, MsgType: "text", Content: secret, MsgId: "9000000000000161" }));
    for (const appIndex of [0, 1, 0]) {
      const answer = await post(mine.appid, forOther, appIndex);
      assert.equal(answer.status, 403);
      assert.match(answer.text, new RegExp(`sealed for "${other.userName}" but posted to the URL of ${mine.appid}`));
    }
    const forNobody = seal(message({ ToUserName: "", MsgType: "event", Event: "subscribe" }));
    assert.equal((await post(mine.appid, forNobody)).status, 403);
    assert.equal(await db().authorizerMessage.count(), rowsBefore, "nothing stored");
    assert.equal(await db().delivery.count({ where: { ruleId } }), 1, "nothing forwarded");
    assert.equal(await db().deliveryFanout.count(), 0, "nothing waiting to be forwarded");

    const events = await db().event.findMany({ where: { kind: "message.rejected", appid: mine.appid }, orderBy: { id: "asc" } });
    assert.ok(events.length >= 1 && events.length <= 2, "at most one event a minute per account and instance");
    assert.deepEqual(JSON.parse(events[0].detail!), { reason: "wrong_account", toUserName: other.userName, userName: mine.userName });
    assert.ok(!JSON.stringify(events).includes(secret) && !JSON.stringify(events).includes(SENDER), "no content, no sender");

    // The same message at its own account's URL is taken.
    assert.deepEqual(await post(other.appid, forOther), { status: 200, text: "success" });
    await db().forwardingRule.delete({ where: { id: ruleId } });
  });

  it("answers the release check's text with the encrypted passive reply it expects, To and From swapped", async () => {
    const answer = await post(
      CHECK_APPID,
      seal(message({ MsgType: "text", Content: "TESTCOMPONENT_MSG_TYPE_TEXT", MsgId: "9000000000000200" })),
    );
    assert.equal(answer.status, 200);
    const reply = openReply(answer.text);
    assert.deepEqual(
      [xmlText(reply, "ToUserName"), xmlText(reply, "FromUserName"), xmlText(reply, "MsgType"), xmlText(reply, "Content")],
      [SENDER, "gh_3c884a361561", "text", "TESTCOMPONENT_MSG_TYPE_TEXT_callback"],
    );
    const event = await post(
      CHECK_APPID,
      seal(message({ MsgType: "event", Event: "LOCATION", Latitude: "23.1", Longitude: "113.3", Precision: "10" })),
    );
    assert.equal(xmlText(openReply(event.text), "Content"), "LOCATIONfrom_callback");
    const ordinary = await post(
      "wx1111111111111111",
      seal(message({ MsgType: "text", Content: "TESTCOMPONENT_MSG_TYPE_TEXT", MsgId: "9000000000000201" })),
    );
    assert.equal(ordinary.text, "success", "only the ten test accounts get the check's answers");
  });

  it("[RACE] three retries of one message, one after another and at once on two instances, are stored once and answered identically", async () => {
    const sequential = seal(message({ MsgType: "text", Content: "TESTCOMPONENT_MSG_TYPE_TEXT", MsgId: "9000000000000300" }));
    const answers = [await post(CHECK_APPID, sequential), await post(CHECK_APPID, sequential), await post(CHECK_APPID, sequential)];
    assert.equal(new Set(answers.map((answer) => answer.text)).size, 1, "the same bytes each time");
    const { hashSecret } = await import("../../lib/secrets");
    assert.equal(await db().authorizerMessage.count({ where: { appid: CHECK_APPID, dedupeKey: hashSecret("msg:9000000000000300") } }), 1);

    const fields = message({ MsgType: "event", Event: "CLICK", EventKey: "RACE" });
    const concurrent = await Promise.all([0, 1, 0, 1].map((appIndex) => post(CHECK_APPID, seal(fields), appIndex)));
    assert.ok(concurrent.every((answer) => answer.status === 200));
    assert.equal(new Set(concurrent.map((answer) => answer.text)).size, 1, "every attempt got the first attempt's answer");
    assert.equal(
      await db().authorizerMessage.count({
        where: { appid: CHECK_APPID, dedupeKey: hashSecret(`event:${SENDER}:${fields.CreateTime}:CLICK`) },
      }),
      1,
    );
  });
});

describe("[MESSAGES][RELEASE-CHECK] the simulator's checker against wxopen", () => {
  for (const group of [1, 2, 3, 4, 5]) {
    it(`passes group ${group}: both test accounts, every step`, async () => {
      const run = await stack.simulator.runReleaseCheck({ group });
      const failed = run.steps.filter((step) => !step.ok).map((step) => `${step.appid} ${step.step}: ${step.detail}`);
      assert.deepEqual(failed, []);
      assert.equal(run.status, "passed");
      assert.equal(run.steps.filter((step) => step.step !== "ticket").length, 10, "five steps for each of the two accounts");

      // The API step saved the exchanged tokens like any authorization, and wxopen's card sees every step.
      const [officialAccount] = run.accounts;
      const custom = stack.simulator.customMessages().filter((sent) => sent.appid === officialAccount.appid);
      assert.match(custom.at(-1)?.content ?? "", /_from_api$/);
      const { getReleaseCheckStatus } = await import("../../lib/platform/messages/get-release-check-status");
      const card = await getReleaseCheckStatus();
      assert.deepEqual(
        card.map((step) => [step.step, step.last?.ok]),
        ["ticket", "authorization", "text", "api_text", "event", "cancellation"].map((step) => [step, true]),
      );
      const accounts = run.accounts.map((account) => account.appid);
      assert.ok(
        card.slice(1).every((step) => accounts.includes(step.last!.appid!)),
        "the card names this group's accounts",
      );
      const rows = await db().authorizer.findMany({ where: { appid: { in: accounts } }, select: { status: true, refreshToken: true } });
      assert.deepEqual(
        rows.map((row) => [row.status, row.refreshToken !== null]),
        [
          ["unauthorized", true],
          ["unauthorized", true],
        ],
      );
    });
  }
});
