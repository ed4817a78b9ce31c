import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decryptMessage } from "./crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";
import {
  buildTextReply,
  messageDedupeKey,
  openAuthorizerMessage,
  openPassiveReply,
  parseAuthorizerMessage,
  sealAuthorizerMessage,
  sealPassiveReply,
} from "./message";
import { buildXml, parseXml, xmlText } from "./xml";

const CREDENTIALS = {
  token: "wxopentoken",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  componentAppid: "wx0123456789abcdef",
};

// Computed with the openssl command line, not with this code: the 16-byte prefix "0123456789abcdef", the big-endian
// length, the reply, the appid, PKCS#7 to 32 bytes, `openssl enc -aes-256-cbc -nopad` with the decoded key and its
// first 16 bytes as IV, then base64; the signature is sha1sum over the four parts sorted in the C locale.
const REPLY_VECTOR = {
  plaintext:
    "<xml><ToUserName><![CDATA[ozy4qt5QUADNXORxCVipKMV9dss0]]></ToUserName><FromUserName><![CDATA[gh_3c884a361561]]></FromUserName>" +
    "<CreateTime>1425789200</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[TESTCOMPONENT_MSG_TYPE_TEXT_callback]]></Content></xml>",
  encrypt:
    "Q3stYC6hdFzMh9T8HCvyDAXcxAOUFrs+mllGSI76/U+cGLRl3jaDgHZzWaP9Yhy2M7gMz+saxnCium/fpUlAI/lXoNInxMCwqWMg/wNiT40Lq0Qu4BgfOgBtjPA0QT9W4zwI/XXErQfmSRUvxh3BId91t/WVv6JJpTQsgbQREQKgIoy14HPXW37sf/MNLLDU9sZcqIVZ3ziPlN/JyVvtGstoCmFHZzVDyR7Sn44MFbJvEXfTnQc/EXO37CLqDgV2prBBzl2pqZQAMmizlJSzAM19F2dq6lL0PLd4Y/m1bfeDpttuelcF92fsJBIz0OnhPJJiFnLt66vx0tAOFQmylvbb2y/nygrXUij6acjtc2hW/+wQEzHDRFwWffN954OFGF/eusZsQ3Zb+esDqLhlpeRcMdLPgwc99EVn+3RoAyU=",
  signature: "b1b38a2b529765b15212747736e9e286cea07ea5",
  timestamp: "1425789200",
  nonce: "1320562132",
};

/** A message as WeChat posts it to the message URL: ToUserName in the envelope, no AppId. */
const sealMessage = (fields: Record<string, string | number>) =>
  sealAuthorizerMessage(fields, CREDENTIALS, { timestamp: "1425789123", nonce: "987654321" });

const base = { ToUserName: "gh_3c884a361561", FromUserName: "ozy4qt5QUADNXORxCVipKMV9dss0", CreateTime: 1425789123 };

describe("authorizer messages (protocol §10.1)", () => {
  it("builds the passive text reply with To and From swapped, as the reference writes it", () => {
    assert.equal(
      buildTextReply({
        to: "ozy4qt5QUADNXORxCVipKMV9dss0",
        from: "gh_3c884a361561",
        content: "TESTCOMPONENT_MSG_TYPE_TEXT_callback",
        createTime: 1425789200,
      }),
      REPLY_VECTOR.plaintext,
    );
  });

  it("seals a passive reply byte for byte as the independently computed vector", () => {
    const sealed = parseXml(
      sealPassiveReply(REPLY_VECTOR.plaintext, CREDENTIALS, {
        timestamp: REPLY_VECTOR.timestamp,
        nonce: REPLY_VECTOR.nonce,
        randomPrefix: Buffer.from("0123456789abcdef"),
      }),
    );
    assert.equal(xmlText(sealed, "Encrypt"), REPLY_VECTOR.encrypt);
    assert.equal(xmlText(sealed, "MsgSignature"), REPLY_VECTOR.signature);
    assert.equal(xmlText(sealed, "TimeStamp"), REPLY_VECTOR.timestamp);
    assert.equal(xmlText(sealed, "Nonce"), REPLY_VECTOR.nonce);
    const opened = decryptMessage({
      encodingAesKey: CREDENTIALS.encodingAesKey,
      encrypted: REPLY_VECTOR.encrypt,
      expectedReceiveId: CREDENTIALS.componentAppid,
    });
    assert.equal(opened, REPLY_VECTOR.plaintext);
  });

  it("opens the independently computed passive reply as WeChat would, and refuses it with a wrong signature", () => {
    const envelope = buildXml({
      Encrypt: REPLY_VECTOR.encrypt,
      MsgSignature: REPLY_VECTOR.signature,
      TimeStamp: Number(REPLY_VECTOR.timestamp),
      Nonce: REPLY_VECTOR.nonce,
    });
    assert.deepEqual(openPassiveReply(envelope, CREDENTIALS), parseXml(REPLY_VECTOR.plaintext));
    assert.throws(
      () => openPassiveReply(envelope.replace(REPLY_VECTOR.signature, "0".repeat(40)), CREDENTIALS),
      (error: unknown) => error instanceof WechatCryptError && error.code === CRYPT_ERROR.validateSignature,
    );
  });

  it("opens a message posted with ToUserName (no AppId) and refuses a forged signature or another platform's key", () => {
    const sealed = sealMessage({ ...base, MsgType: "text", Content: "hello", MsgId: "23637352235060880" });
    const message = openAuthorizerMessage(sealed.query, sealed.body, CREDENTIALS);
    assert.equal(message.msgType, "text");
    assert.equal(message.summary, "hello");
    assert.equal(message.msgId, "23637352235060880");
    assert.throws(
      () => openAuthorizerMessage({ ...sealed.query, msg_signature: "0".repeat(40) }, sealed.body, CREDENTIALS),
      (error: unknown) => error instanceof WechatCryptError && error.code === CRYPT_ERROR.validateSignature,
    );
    assert.throws(
      () => openAuthorizerMessage(sealed.query, sealed.body, { ...CREDENTIALS, componentAppid: "wxffffffffffffffff" }),
      (error: unknown) => error instanceof WechatCryptError && error.code === CRYPT_ERROR.validateAppid,
    );
  });

  it("parses every MsgType into one shape, events with their key, and keeps what it does not know", () => {
    const parse = (fields: Record<string, string | number>) => parseAuthorizerMessage(parseXml(buildXml({ ...base, ...fields })));
    assert.equal(
      parse({ MsgType: "image", PicUrl: "https://example.com/a.jpg", MediaId: "m1", MsgId: "1" }).summary,
      "https://example.com/a.jpg",
    );
    assert.equal(
      parse({ MsgType: "location", Location_X: "23.1", Location_Y: "113.3", Scale: "20", Label: "Guangzhou", MsgId: "2" }).summary,
      "Guangzhou 23.1 113.3",
    );
    assert.equal(
      parse({ MsgType: "link", Title: "A page", Description: "d", Url: "https://example.com", MsgId: "3" }).summary,
      "A page https://example.com",
    );

    const click = parse({ MsgType: "event", Event: "CLICK", EventKey: "MENU_1" });
    assert.deepEqual(
      [click.msgType, click.event, click.eventKey, click.msgId, click.summary],
      ["event", "CLICK", "MENU_1", null, "CLICK MENU_1"],
    );
    const audit = parse({ MsgType: "event", Event: "weapp_audit_fail", Reason: "incomplete", FailTime: 1488800000, ScreenShot: "x|y" });
    assert.equal(audit.summary, "weapp_audit_fail incomplete");
    assert.equal(audit.fields.ScreenShot, "x|y");

    const unknown = parse({ MsgType: "new_kind_2030", Payload: "kept" });
    assert.deepEqual([unknown.msgType, unknown.rawMsgType, unknown.fields.Payload], ["other", "new_kind_2030", "kept"]);
  });

  it("identifies a message across retries by MsgId, an event by sender, time and event", () => {
    assert.equal(messageDedupeKey({ msgId: "42", fromUserName: "o1", createTime: 1, event: null }), "msg:42");
    assert.equal(messageDedupeKey({ msgId: null, fromUserName: "o1", createTime: 7, event: "subscribe" }), "event:o1:7:subscribe");
    assert.notEqual(
      messageDedupeKey({ msgId: null, fromUserName: "o1", createTime: 7, event: "subscribe" }),
      messageDedupeKey({ msgId: null, fromUserName: "o1", createTime: 7, event: "LOCATION" }),
    );
  });
});
