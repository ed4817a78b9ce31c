import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { retryDelayMs } from "./deliver-due-deliveries";
import { signDelivery, verifyDeliverySignature } from "./delivery-signature";
import { isForbiddenAddress } from "../forwarding/check-target-url";
import { messageEventType, ruleMatches, typeMatches } from "../forwarding/match-rules";

describe("[FORWARDING] rules, addresses, backoff and signatures", () => {
  it("matches types with * wildcards and appid lists", () => {
    assert.ok(typeMatches("message.*", "message.text"));
    assert.ok(typeMatches("*", "authorization.updated"));
    assert.ok(typeMatches("event.weapp_audit_*", "event.weapp_audit_fail"));
    assert.ok(!typeMatches("message.*", "event.subscribe"));
    assert.ok(!typeMatches("message.text", "message.textx"), "no prefix match without *");
    assert.ok(!typeMatches("message.text", "messageXtext"), "the dot is literal");
    const rule = { types: ["event.*"], appids: ["wx00000000000000a1"], isEnabled: true };
    assert.ok(ruleMatches(rule, { type: "event.CLICK", appid: "wx00000000000000a1" }));
    assert.ok(!ruleMatches(rule, { type: "event.CLICK", appid: "wx00000000000000a2" }));
    assert.ok(!ruleMatches(rule, { type: "event.CLICK", appid: null }), "component events do not match an appid list");
    assert.ok(!ruleMatches({ ...rule, isEnabled: false }, { type: "event.CLICK", appid: "wx00000000000000a1" }));
    assert.equal(messageEventType({ msgType: "event", rawMsgType: "event", event: "subscribe" }), "event.subscribe");
    assert.equal(messageEventType({ msgType: "other", rawMsgType: "newtype", event: null }), "message.newtype");
  });

  it("refuses link-local and cloud-metadata addresses in every spelling, allows loopback and private ones", () => {
    for (const address of [
      "169.254.169.254",
      "169.254.0.1",
      "100.100.100.200",
      "0.0.0.0",
      "224.0.0.1",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:169.254.169.254",
      "::ffff:a9fe:a9fe",
      "::",
    ])
      assert.ok(isForbiddenAddress(address), address);
    for (const address of ["127.0.0.1", "10.1.2.3", "192.168.1.10", "172.16.0.5", "100.100.100.199", "::1", "fd12:3456::1", "8.8.8.8"])
      assert.ok(!isForbiddenAddress(address), address);
  });

  it("backs off 30 s, 1 min, 2 min … capped at 1 h, within ±20 %", () => {
    const middle = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, middle, 30_000)),
      [30_000, 60_000, 120_000, 240_000],
    );
    assert.equal(retryDelayMs(20, middle, 30_000), 3_600_000);
    assert.equal(
      retryDelayMs(1, () => 0, 30_000),
      24_000,
    );
    assert.equal(
      retryDelayMs(1, () => 1, 30_000),
      36_000,
    );
  });

  it("signs t.body with HMAC-SHA256 as documented, and verifies only the same body, secret and a fresh t", () => {
    const body = '{"id":"d1"}';
    const header = signDelivery("whsec_test", body, 1_800_000_000);
    assert.equal(header, `t=1800000000,v1=${createHmac("sha256", "whsec_test").update(`1800000000.${body}`).digest("hex")}`);
    const now = 1_800_000_000_000;
    assert.ok(verifyDeliverySignature("whsec_test", header, body, { now }));
    assert.ok(!verifyDeliverySignature("whsec_test", header, `${body} `, { now }));
    assert.ok(!verifyDeliverySignature("whsec_other", header, body, { now }));
    assert.ok(!verifyDeliverySignature("whsec_test", header, body, { now: now + 301_000 }), "an old timestamp is a replay");
    assert.ok(!verifyDeliverySignature("whsec_test", "t=1,v1=zz", body, { now }));
  });
});
