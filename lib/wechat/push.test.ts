import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { computeSignature } from "./crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";
import { classifyPush, openComponentPush, sealComponentPush } from "./push";
import { parseXml } from "./xml";

const credentials = {
  token: "wxopentoken",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  componentAppid: "wx0123456789abcdef",
};
const ticketMessage = {
  AppId: credentials.componentAppid,
  CreateTime: 1413192605,
  InfoType: "component_verify_ticket",
  ComponentVerifyTicket: "ticket@@@abc",
};
const cryptError = (code: number) => (error: unknown) => error instanceof WechatCryptError && error.code === code;

describe("component pushes", () => {
  it("opens what it seals and classifies a verify ticket", () => {
    const { query, body } = sealComponentPush(ticketMessage, credentials);
    assert.equal(query.signature, computeSignature(credentials.token, query.timestamp, query.nonce));
    const push = classifyPush(openComponentPush(query, body, credentials));
    assert.equal(push.kind, "verify_ticket");
    assert.equal(push.kind === "verify_ticket" && push.ComponentVerifyTicket, "ticket@@@abc");
    assert.equal(push.kind === "verify_ticket" && push.CreateTime, 1413192605);
  });

  it("rejects a wrong msg_signature before decrypting (-40001)", () => {
    const { query, body } = sealComponentPush(ticketMessage, credentials);
    assert.throws(
      () => openComponentPush({ ...query, msg_signature: "0".repeat(40) }, body, credentials),
      cryptError(CRYPT_ERROR.validateSignature),
    );
    assert.throws(
      () => openComponentPush({ ...query, msg_signature: undefined }, body, credentials),
      cryptError(CRYPT_ERROR.validateSignature),
    );
  });

  it("rejects a push sealed for another platform (-40005)", () => {
    const other = { ...credentials, componentAppid: "wxffffffffffffffff" };
    const { query, body } = sealComponentPush(ticketMessage, other);
    assert.throws(() => openComponentPush(query, body, credentials), cryptError(CRYPT_ERROR.validateAppid));
  });

  it("rejects a body without <Encrypt> or that is not XML (-40002)", () => {
    const query = { timestamp: "1", nonce: "2", msg_signature: "x" };
    assert.throws(() => openComponentPush(query, "<xml><AppId>a</AppId></xml>", credentials), cryptError(CRYPT_ERROR.parseXml));
    assert.throws(() => openComponentPush(query, "not xml at all", credentials), cryptError(CRYPT_ERROR.parseXml));
  });

  it("refuses entity declarations (no XXE, no billion laughs)", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>`;
    assert.throws(() => parseXml(bomb), cryptError(CRYPT_ERROR.parseXml));
    const external = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>`;
    assert.throws(() => parseXml(external), cryptError(CRYPT_ERROR.parseXml));
  });

  it("keeps numeric-looking values as strings and classifies authorization events", () => {
    const message = parseXml(
      "<xml><AppId><![CDATA[wx1]]></AppId><CreateTime>1413192760</CreateTime><InfoType><![CDATA[updateauthorized]]></InfoType><AuthorizerAppid>wx2</AuthorizerAppid><AuthorizationCode>007</AuthorizationCode><AuthorizationCodeExpiredTime>1413193360</AuthorizationCodeExpiredTime><PreAuthCode>p</PreAuthCode></xml>",
    );
    const push = classifyPush(message);
    assert.equal(push.kind, "authorized");
    assert.equal(push.kind === "authorized" && push.AuthorizationCode, "007");
    assert.equal(
      classifyPush(parseXml("<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>notify_icpfiling_verify_result</InfoType></xml>"))
        .kind,
      "other",
    );
    assert.throws(
      () => classifyPush(parseXml("<xml><AppId>wx1</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType></xml>")),
      cryptError(CRYPT_ERROR.parseXml),
    );
  });
});
