import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "./env";

// Tokens at rest: AES-256-GCM with DATA_ENCRYPTION_KEY, stored as "v1.<iv>.<tag>.<ciphertext>" (base64url).
// Without a key (development only; env.ts requires one in production) a fixed development key is used.

const DEVELOPMENT_KEY = createHash("sha256").update("wxopen-development-key-not-for-production").digest();

const key = () => {
  const configured = getEnv().DATA_ENCRYPTION_KEY;
  return configured ? Buffer.from(configured, "base64") : DEVELOPMENT_KEY;
};

export const encryptSecret = (plain: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
};

export const decryptSecret = (sealed: string): string => {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("stored secret is not in the v1 format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
};

/** sha256 hex, for comparing a presented token with the stored one without decrypting (compare-and-expire). */
export const hashSecret = (plain: string) => createHash("sha256").update(plain).digest("hex");
