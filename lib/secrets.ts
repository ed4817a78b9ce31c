import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv, type TEnv } from "./env";

// Tokens at rest: AES-256-GCM (16-byte tag, pinned) stored as "v2.<key id>.<iv>.<tag>.<ciphertext>" (base64url).
// The keyring is DATA_ENCRYPTION_KEYS (newest first) or DATA_ENCRYPTION_KEY: encrypt with the first key, decrypt
// with the one the value names, so a key can be rotated without downtime (`npm run cli -- keys rotate`). Values
// from before key ids ("v1....") are tried against every key. Without a key (development only; env.ts requires one
// in production) a fixed development key is used.

const DEVELOPMENT_KEY = createHash("sha256").update("wxopen-development-key-not-for-production").digest();
const TAG_BYTES = 16;

type TKey = { id: string; key: Buffer };

/** 8 hex characters naming a key without revealing it (sha256 prefix). */
export const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

const keyrings = new WeakMap<TEnv, TKey[]>();
const keyring = (): TKey[] => {
  const env = getEnv();
  let keys = keyrings.get(env);
  if (!keys) {
    const configured = env.DATA_ENCRYPTION_KEYS ?? (env.DATA_ENCRYPTION_KEY ? [env.DATA_ENCRYPTION_KEY] : []);
    const buffers = configured.length ? configured.map((value) => Buffer.from(value, "base64")) : [DEVELOPMENT_KEY];
    keys = buffers.map((key) => ({ id: keyIdOf(key), key }));
    keyrings.set(env, keys);
  }
  return keys;
};

/** The id of the key new values are encrypted with. */
export const currentKeyId = () => keyring()[0].id;

/** The prefix of every value encrypted with the current key (a value without it needs re-encrypting). */
export const currentKeyPrefix = () => `v2.${currentKeyId()}.`;

export const encryptSecret = (plain: string): string => {
  const { id, key } = keyring()[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v2", id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
};

const open = (key: Buffer, iv: string, tag: string, body: string) => {
  const authTag = Buffer.from(tag, "base64url");
  if (authTag.length !== TAG_BYTES) throw new Error("stored secret has a truncated authentication tag");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
};

export const decryptSecret = (sealed: string): string => {
  const parts = sealed.split(".");
  if (parts[0] === "v2" && parts.length === 5) {
    const [, id, iv, tag, body] = parts;
    const match = keyring().find((candidate) => candidate.id === id);
    if (!match)
      throw new Error(`stored secret was encrypted with key ${id}, which is not in DATA_ENCRYPTION_KEYS (add it back after the new key)`);
    return open(match.key, iv, tag, body);
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv, tag, body] = parts;
    for (const { key } of keyring()) {
      try {
        return open(key, iv, tag, body);
      } catch {
        // Not this key: try the next.
      }
    }
    throw new Error("stored secret (v1) opens with none of the configured keys");
  }
  throw new Error("stored secret is not in the v1 or v2 format");
};

/** sha256 hex, for comparing a presented token with the stored one without decrypting (compare-and-expire). */
export const hashSecret = (plain: string) => createHash("sha256").update(plain).digest("hex");
