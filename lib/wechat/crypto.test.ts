import assert from "node:assert/strict";
import { describe, it } from "node:test";
import samples from "./fixtures/wechat-samples.json";
import { computeSignature, decodeAesKey, decryptMessage, encryptMessage, signaturesMatch } from "./crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";

const cryptError = (code: number) => (error: unknown) => error instanceof WechatCryptError && error.code === code;

describe("WXBizMsgCrypt against WeChat's published vectors", () => {
  for (const vector of samples.vectors) {
    it(`${vector.id}: decrypts to the published plaintext`, () => {
      const message = decryptMessage({
        encodingAesKey: vector.encodingAesKey,
        encrypted: vector.encrypt,
        expectedReceiveId: vector.receiveId,
      });
      assert.equal(message, vector.plaintext);
    });

    it(`${vector.id}: encrypting with the recovered random prefix reproduces the ciphertext exactly`, () => {
      const encrypted = encryptMessage({
        encodingAesKey: vector.encodingAesKey,
        receiveId: vector.receiveId,
        message: vector.plaintext,
        randomPrefix: Buffer.from(vector.random, "utf8"),
      });
      assert.equal(encrypted, vector.encrypt);
    });

    if (vector.msgSignature && vector.timestamp && vector.nonce) {
      const { token, timestamp, nonce, encrypt, msgSignature } = vector;
      it(`${vector.id}: msg_signature matches`, () => {
        assert.equal(computeSignature(token, timestamp, nonce, encrypt), msgSignature);
        assert.ok(signaturesMatch(msgSignature, msgSignature.toUpperCase()));
        assert.ok(!signaturesMatch(msgSignature, msgSignature.slice(0, -1) + (msgSignature.endsWith("a") ? "b" : "a")));
      });
    }
  }
});

describe("WXBizMsgCrypt round trips and bad input", () => {
  const encodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  const receiveId = "wx0123456789abcdef";

  it("round-trips messages of every length around the 32-byte block, including multi-byte text", () => {
    for (let length = 0; length <= 70; length++) {
      const message = "票".repeat(length % 5) + "x".repeat(length);
      const encrypted = encryptMessage({ encodingAesKey, receiveId, message });
      assert.equal(Buffer.from(encrypted, "base64").length % 32, 0);
      assert.equal(decryptMessage({ encodingAesKey, encrypted, expectedReceiveId: receiveId }), message);
    }
  });

  it("refuses an EncodingAESKey that is not 43 characters (-40004)", () => {
    assert.throws(() => decodeAesKey("short"), cryptError(CRYPT_ERROR.illegalAesKey));
    assert.equal(decodeAesKey(encodingAesKey).length, 32);
  });

  it("refuses a message addressed to another appid (-40005)", () => {
    const encrypted = encryptMessage({ encodingAesKey, receiveId: "wxffffffffffffffff", message: "<xml/>" });
    assert.throws(() => decryptMessage({ encodingAesKey, encrypted, expectedReceiveId: receiveId }), cryptError(CRYPT_ERROR.validateAppid));
  });

  it("refuses text that is not base64 (-40010)", () => {
    assert.throws(
      () => decryptMessage({ encodingAesKey, encrypted: "not base64!!", expectedReceiveId: receiveId }),
      cryptError(CRYPT_ERROR.decodeBase64),
    );
  });

  it("refuses a ciphertext that is not whole blocks (-40007)", () => {
    assert.throws(
      () => decryptMessage({ encodingAesKey, encrypted: Buffer.alloc(20).toString("base64"), expectedReceiveId: receiveId }),
      cryptError(CRYPT_ERROR.decryptAes),
    );
  });

  it("refuses bad padding or a length past the end (-40008)", () => {
    // Encrypting garbage with a different key yields random-looking plaintext under ours: bad padding or length.
    const garbage = encryptMessage({ encodingAesKey: "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut", receiveId, message: "hello" });
    assert.throws(
      () => decryptMessage({ encodingAesKey, encrypted: garbage, expectedReceiveId: receiveId }),
      (error: unknown) =>
        error instanceof WechatCryptError && ([CRYPT_ERROR.illegalBuffer, CRYPT_ERROR.validateAppid] as number[]).includes(error.code),
    );
  });
});
