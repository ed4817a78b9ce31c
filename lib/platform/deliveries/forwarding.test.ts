import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { retryDelayMs } from "./deliver-due-deliveries";
import { isStandardSecret, legacySignature, signingHeaders, verifyLegacySignature } from "./delivery-signature";
import { newSigningSecret } from "../forwarding/create-forwarding-rule";
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

  it("issues Standard Webhooks secrets: whsec_ + standard base64 of a 32-byte key", () => {
    const { secret, secretHint } = newSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.ok(isStandardSecret(secret));
    assert.equal(Buffer.from(secret.slice(6), "base64").length, 32);
    assert.equal(secretHint, `${secret.slice(0, 10)}…`);
    assert.ok(!isStandardSecret(`whsec_${randomBytes(32).toString("base64url")}`), "a secret issued before is not one");
  });

  it("signs id.timestamp.body as Standard Webhooks says, and the library verifies only that id, timestamp and body", () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"id":"2f1c…","type":"message.text","data":{"Content":"我的订单到哪了？"}}';
    const id = "5b0a8f9e-4d3c-4b2a-9e1f-0c2d3e4f5a6b";
    const standard = newSigningSecret().secret;
    const older = `whsec_${randomBytes(32).toString("base64url")}`;
    // The key: the bytes a standard secret encodes; an older secret's own characters, whsec_ included.
    for (const [secret, key, verifier] of [
      [standard, Buffer.from(standard.slice(6), "base64"), new Webhook(standard)],
      [older, Buffer.from(older, "utf8"), new Webhook(older, { format: "raw" })],
    ] as const) {
      const headers = signingHeaders({ secret, id, body, timestamp });
      const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
      assert.deepEqual(
        [headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"]],
        [id, String(timestamp), `v1,${expected}`],
      );
      assert.equal(headers["x-wxopen-signature"], legacySignature(secret, body, timestamp), "the deprecated header as before");
      assert.doesNotThrow(() => verifier.verify(body, headers, { jsonParse: false }));
      const fails = (changed: Record<string, string>, changedBody = body) =>
        assert.throws(() => verifier.verify(changedBody, { ...headers, ...changed }, { jsonParse: false }), /No matching signature/);
      fails({}, body.replace("订单", "定单"));
      fails({ "webhook-id": "5b0a8f9e-4d3c-4b2a-9e1f-0c2d3e4f5a6c" });
      fails({ "webhook-timestamp": String(timestamp - 1) });
      assert.throws(
        () => verifier.verify(body, signingHeaders({ secret, id, body, timestamp: timestamp - 301 }), { jsonParse: false }),
        /too old/,
        "an old timestamp is a replay",
      );
    }
    const signed = signingHeaders({ secret: standard, id, body, timestamp });
    assert.throws(() => new Webhook(newSigningSecret().secret).verify(body, signed), /No matching signature/, "another secret fails");
  });

  it("still signs the deprecated X-Wxopen-Signature: t.body with HMAC-SHA256, the secret string as the key", () => {
    const body = '{"id":"d1"}';
    const header = legacySignature("whsec_test", body, 1_800_000_000);
    assert.equal(header, `t=1800000000,v1=${createHmac("sha256", "whsec_test").update(`1800000000.${body}`).digest("hex")}`);
    const now = 1_800_000_000_000;
    assert.ok(verifyLegacySignature("whsec_test", header, body, { now }));
    assert.ok(!verifyLegacySignature("whsec_test", header, `${body} `, { now }));
    assert.ok(!verifyLegacySignature("whsec_other", header, body, { now }));
    assert.ok(!verifyLegacySignature("whsec_test", header, body, { now: now + 301_000 }), "an old timestamp is a replay");
    assert.ok(!verifyLegacySignature("whsec_test", "t=1,v1=zz", body, { now }));
  });
});
