import assert from "node:assert/strict";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";

// The keyring comes from the environment, read once: this file sets it before loading lib/secrets.
const NEW_KEY = randomBytes(32);
const OLD_KEY = randomBytes(32);
let secrets: typeof import("./secrets");

/** A value as wxopen wrote it before key ids (v1), with the given key. */
const sealV1 = (key: Buffer, plain: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
};

before(async () => {
  Object.assign(process.env, {
    WECHAT_COMPONENT_APPID: "wx0123456789abcdef",
    WECHAT_COMPONENT_APPSECRET: "secret",
    WECHAT_COMPONENT_TOKEN: "wxopentoken",
    WECHAT_COMPONENT_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    DATA_ENCRYPTION_KEY: "",
    DATA_ENCRYPTION_KEYS: `${NEW_KEY.toString("base64")},${OLD_KEY.toString("base64")}`,
  });
  secrets = await import("./secrets");
});

describe("secrets at rest", () => {
  it("encrypts with the first key, naming it, and decrypts", () => {
    const sealed = secrets.encryptSecret("refresh@@@token");
    assert.ok(sealed.startsWith(`v2.${createHash("sha256").update(NEW_KEY).digest("hex").slice(0, 8)}.`));
    assert.equal(secrets.decryptSecret(sealed), "refresh@@@token");
    assert.ok(!sealed.includes("refresh"));
  });

  it("opens values written before key ids with whichever key fits", () => {
    assert.equal(secrets.decryptSecret(sealV1(OLD_KEY, "old@@@token")), "old@@@token");
    assert.throws(() => secrets.decryptSecret(sealV1(randomBytes(32), "x")), /none of the configured keys/);
  });

  it("refuses a value naming a key that is not configured, saying how to fix it", () => {
    const [, , iv, tag, body] = secrets.encryptSecret("x").split(".");
    assert.throws(
      () => secrets.decryptSecret(["v2", "deadbeef", iv, tag, body].join(".")),
      /key deadbeef, which is not in DATA_ENCRYPTION_KEYS/,
    );
  });

  it("pins the GCM tag at 16 bytes: a truncated tag is refused, not checked on fewer bytes", () => {
    const [version, id, iv, tag, body] = secrets.encryptSecret("refresh@@@token").split(".");
    const truncated = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    assert.throws(() => secrets.decryptSecret([version, id, iv, truncated, body].join(".")), /truncated authentication tag/);
    const forged = Buffer.from(tag, "base64url");
    forged[0] ^= 1;
    assert.throws(() => secrets.decryptSecret([version, id, iv, forged.toString("base64url"), body].join(".")));
  });
});
