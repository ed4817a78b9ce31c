import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";

/** WXBizMsgCrypt pads with PKCS#7 to 32-byte blocks, not AES's 16. */
const BLOCK_SIZE = 32;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

export const isValidEncodingAesKey = (encodingAesKey: string) => ENCODING_AES_KEY.test(encodingAesKey);

/** AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes; the IV is its first 16 bytes. */
export const decodeAesKey = (encodingAesKey: string): Buffer => {
  if (!isValidEncodingAesKey(encodingAesKey)) {
    throw new WechatCryptError(CRYPT_ERROR.illegalAesKey, "EncodingAESKey must be 43 characters of [A-Za-z0-9]");
  }
  return Buffer.from(`${encodingAesKey}=`, "base64");
};

/** sha1 over the lexicographically sorted parts, hex lowercase (msg_signature and the plain signature). */
export const computeSignature = (...parts: string[]): string =>
  createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");

/** Constant-time comparison of two hex signatures. */
export const signaturesMatch = (expected: string, received: string): boolean => {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
};

const pad = (buffer: Buffer): Buffer => {
  const amount = BLOCK_SIZE - (buffer.length % BLOCK_SIZE);
  return Buffer.concat([buffer, Buffer.alloc(amount, amount)]);
};

export type EncryptOptions = {
  encodingAesKey: string;
  receiveId: string;
  message: string;
  /** 16 bytes; random unless a test fixes it. */
  randomPrefix?: Buffer;
};

/** Base64(AES-256-CBC(random16 ‖ len32be ‖ msg ‖ receiveId)), padded to 32 bytes. */
export const encryptMessage = ({ encodingAesKey, receiveId, message, randomPrefix }: EncryptOptions): string => {
  const key = decodeAesKey(encodingAesKey);
  const prefix = randomPrefix ?? randomBytes(16);
  if (prefix.length !== 16) throw new WechatCryptError(CRYPT_ERROR.encryptAes, "random prefix must be 16 bytes");
  const body = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = pad(Buffer.concat([prefix, length, body, Buffer.from(receiveId, "utf8")]));
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type DecryptOptions = {
  encodingAesKey: string;
  encrypted: string;
  /** The receiveId the plaintext must end with (the component appid). */
  expectedReceiveId: string;
};

/** Decrypts an Encrypt field and checks the trailing receiveId. Throws WechatCryptError with the official code. */
export const decryptMessage = ({ encodingAesKey, encrypted, expectedReceiveId }: DecryptOptions): string => {
  const key = decodeAesKey(encodingAesKey);
  if (!BASE64.test(encrypted) || encrypted.length % 4 !== 0) {
    throw new WechatCryptError(CRYPT_ERROR.decodeBase64, "Encrypt is not valid base64");
  }
  const cipherText = Buffer.from(encrypted, "base64");
  if (cipherText.length === 0 || cipherText.length % BLOCK_SIZE !== 0) {
    throw new WechatCryptError(CRYPT_ERROR.decryptAes, "ciphertext length is not a multiple of 32 bytes");
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    throw new WechatCryptError(CRYPT_ERROR.decryptAes, "AES decryption failed");
  }
  const padAmount = plain[plain.length - 1];
  if (padAmount < 1 || padAmount > BLOCK_SIZE || plain.subarray(plain.length - padAmount).some((b) => b !== padAmount)) {
    throw new WechatCryptError(CRYPT_ERROR.illegalBuffer, "bad PKCS#7 padding");
  }
  const content = plain.subarray(0, plain.length - padAmount);
  if (content.length < 20) throw new WechatCryptError(CRYPT_ERROR.illegalBuffer, "plaintext too short");
  const messageLength = content.readUInt32BE(16);
  if (20 + messageLength > content.length) {
    throw new WechatCryptError(CRYPT_ERROR.illegalBuffer, "message length exceeds the plaintext");
  }
  const message = content.subarray(20, 20 + messageLength).toString("utf8");
  const receiveId = content.subarray(20 + messageLength).toString("utf8");
  if (receiveId !== expectedReceiveId) {
    throw new WechatCryptError(CRYPT_ERROR.validateAppid, "the message is addressed to another appid");
  }
  return message;
};
