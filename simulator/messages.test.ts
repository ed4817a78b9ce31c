import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { decryptMessage } from "../lib/wechat/crypto";
import { parseXml, xmlText } from "../lib/wechat/xml";
import { SEED_ACCOUNTS } from "./accounts";
import type { TSimulatorConfig } from "./config";
import { passiveText, startFakePlatform } from "./platform-test-support";
import { startHarness, TEST_CREDENTIALS } from "./test-support";

const coffee = SEED_ACCOUNTS.find((account) => account.kind === "official_account")!;
const mall = SEED_ACCOUNTS.find((account) => account.kind === "mini_program")!;

/** A simulator whose message URL is a fake platform, with Demo Coffee and Bamboo Mall authorized. */
const startMessaging = async (t: TestContext, config: TSimulatorConfig = {}) => {
  const platform = await startFakePlatform();
  t.after(() => platform.close());
  const harness = await startHarness(t, { messageUrl: platform.messageUrl, ...config });
  for (const account of [coffee, mall]) harness.simulator.authorizeProgrammatically({ appid: account.appid, shouldPush: false });
  return { ...harness, platform };
};

describe("[SIMULATOR][MESSAGES] messages sent as a WeChat user", () => {
  it("posts a sealed text to the message URL with the appid and reads the encrypted passive reply", async (t) => {
    const { simulator, platform } = await startMessaging(t);
    platform.onMessage = ({ message }) => passiveText(message, `echo ${message.fields.Content}`);
    const record = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "你好 <b>&" });

    const [received] = platform.messages;
    assert.equal(received.appid, coffee.appid);
    assert.deepEqual(Object.keys(received.query).sort(), ["encrypt_type", "msg_signature", "nonce", "openid", "signature", "timestamp"]);
    assert.equal(received.query.openid, record.openid);
    assert.match(received.body, new RegExp(`<ToUserName><!\\[CDATA\\[${coffee.userName}\\]\\]></ToUserName>`));
    assert.doesNotMatch(received.body, /<AppId>/);
    const { message } = received;
    assert.equal(message.toUserName, coffee.userName);
    assert.match(message.fromUserName, /^[A-Za-z0-9_-]{28}$/);
    assert.equal(message.msgType, "text");
    assert.equal(message.fields.Content, "你好 <b>&");
    const sentAt = Math.floor(new Date(record.at).getTime() / 1000);
    assert.ok(sentAt - message.createTime <= 1 && sentAt >= message.createTime, "CreateTime is the simulator clock when it was sent");
    const encrypted = xmlText(parseXml(received.body), "Encrypt")!;
    const plaintext = decryptMessage({ ...TEST_CREDENTIALS, encrypted, expectedReceiveId: TEST_CREDENTIALS.componentAppid });
    assert.match(plaintext, /<MsgId>\d{17}<\/MsgId>/, "MsgId is a bare 17-digit number as WeChat writes it");

    assert.deepEqual([record.ok, record.isPending, record.status, record.attempts], [true, false, 200, 1]);
    assert.equal(record.msgId, message.msgId);
    assert.deepEqual(record.reply, {
      kind: "text",
      content: "echo 你好 <b>&",
      toUserName: record.openid,
      fromUserName: coffee.userName,
      signatureOk: true,
    });
    const second = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "again" });
    assert.equal(second.openid, record.openid, "the default sender is stable per account");
    assert.notEqual(second.msgId, record.msgId);
  });

  it("retries a timed-out message with the same sealed body and stops after 3 attempts", async (t) => {
    const { simulator, platform } = await startMessaging(t, { messageTimeoutMs: 150 });
    platform.onMessage = () => "hang";
    const record = await simulator.sendMessage({ appid: coffee.appid, kind: "event", event: "subscribe" });
    assert.deepEqual([record.ok, record.attempts, record.status], [false, 3, null]);
    assert.match(record.answer, /TimeoutError|timeout/i);
    assert.equal(platform.messages.length, 3);
    assert.equal(new Set(platform.messages.map((item) => item.body)).size, 1, "every attempt carries the same sealed body");
    assert.equal(new Set(platform.messages.map((item) => JSON.stringify(item.query))).size, 1);
  });

  it("retries a non-200, reads success and an empty body as no reply, and flags a reply it cannot open", async (t) => {
    const { simulator, platform } = await startMessaging(t);
    const answers = [{ status: 500, body: "oops" }, "success", "", "<xml><Content>plain</Content></xml>"];
    platform.onMessage = () => answers.shift()!;
    const retried = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "one" });
    assert.deepEqual([retried.attempts, retried.status, retried.reply, retried.isEmptyAnswer], [2, 200, { kind: "none" }, false]);
    const empty = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "two" });
    assert.deepEqual([empty.reply, empty.isEmptyAnswer], [{ kind: "none" }, true]);
    const invalid = await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "three" });
    assert.equal(invalid.reply.kind, "invalid");
    assert.deepEqual(
      simulator.messages().map((item) => item.content),
      ["one", "two", "three"],
    );
  });

  it("builds events without MsgId, with the fields of LOCATION and of mini-program audit results", async (t) => {
    const { simulator, platform } = await startMessaging(t);
    const location = await simulator.sendMessage({ appid: coffee.appid, kind: "event", event: "LOCATION" });
    assert.equal(location.msgId, null);
    assert.deepEqual(
      ["Event", "Latitude", "Longitude", "Precision"].map((key) => platform.messages[0].message.fields[key]),
      ["LOCATION", "23.137466", "113.352425", "119.38504"],
    );
    await simulator.sendMessage({ appid: mall.appid, kind: "weapp_audit_fail", content: "名称不符" });
    const audit = platform.messages[1].message;
    assert.deepEqual([audit.msgType, audit.event, audit.fields.Reason, audit.msgId], ["event", "weapp_audit_fail", "名称不符", null]);
    assert.match(audit.fields.ScreenShot, /\|/);
    await assert.rejects(simulator.sendMessage({ appid: coffee.appid, kind: "weapp_audit_success" }), /mini-program event/);
  });

  it("refuses unknown and unauthorized accounts and malformed openids with a clear 4xx", async (t) => {
    const { simulator } = await startMessaging(t);
    const post = async (body: unknown) => {
      const response = await fetch(`${simulator.url}/__sim/messages`, { method: "POST", body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as Record<string, any> };
    };
    assert.equal((await post({ appid: "wx0000000000000000", kind: "text", content: "x" })).status, 404);
    const unauthorized = await post({ appid: SEED_ACCOUNTS[1].appid, kind: "text", content: "x" });
    assert.equal(unauthorized.status, 409);
    assert.match(unauthorized.json.error, /no active authorization/);
    assert.equal((await post({ appid: coffee.appid, kind: "text", content: "x", openid: "short" })).status, 400);
    assert.equal((await post({ appid: coffee.appid, kind: "text" })).status, 400);
    assert.equal((await post({ appid: coffee.appid, kind: "voice" })).status, 400);
  });

  it("drives messages over /__sim/messages: JSON waits, a form redirects, GET lists and DELETE clears", async (t) => {
    const { simulator, platform } = await startMessaging(t);
    platform.onMessage = ({ message }) => passiveText(message, "ok");
    const json = await fetch(`${simulator.url}/__sim/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appid: coffee.appid, kind: "text", content: "hi" }),
    });
    assert.equal(((await json.json()) as Record<string, any>).reply.content, "ok");
    const form = await fetch(`${simulator.url}/__sim/messages`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ appid: coffee.appid, kind: "event", content: "", event: "CLICK", eventKey: "MENU_1" }),
      redirect: "manual",
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get("location"), "/__sim/#messages");
    const page = await (await fetch(`${simulator.url}/__sim/`)).text();
    assert.match(page, /data-testid="send-message-form"/);
    assert.match(page, /api\/wechat\/messages\/\$APPID\$/);
    const listed = (await (await fetch(`${simulator.url}/__sim/messages`)).json()) as { summary: string }[];
    assert.deepEqual(
      listed.map((item) => item.summary),
      ["hi", "CLICK MENU_1"],
    );
    await fetch(`${simulator.url}/__sim/messages`, { method: "DELETE" });
    assert.deepEqual(simulator.messages(), []);
  });
});

describe("[SIMULATOR][CONFIG] messageUrl", () => {
  it("derives the message URL from notifyUrl's origin and refuses one without $APPID$", async (t) => {
    const { simulator, receiver } = await startHarness(t);
    assert.equal(simulator.state().messageUrl, `${new URL(receiver.url).origin}/api/wechat/messages/$APPID$`);
    assert.throws(() => simulator.setConfig({ messageUrl: "http://app.test/api/wechat/messages" }), /must contain \$APPID\$/);
    simulator.setConfig({ notifyUrl: "http://moved.test/api/wechat/notify" });
    assert.equal(simulator.config.messageUrl, "http://moved.test/api/wechat/messages/$APPID$", "a derived URL follows the notify URL");
  });
});
