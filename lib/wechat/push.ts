import { randomBytes, randomInt } from "node:crypto";
import { z } from "zod";
import { computeSignature, decryptMessage, encryptMessage, signaturesMatch } from "./crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";
import { buildXml, parseXml, xmlText, type TXmlObject } from "./xml";

export type TPushQuery = {
  timestamp?: string | null;
  nonce?: string | null;
  msg_signature?: string | null;
  encrypt_type?: string | null;
  signature?: string | null;
};

export type TPushCredentials = { token: string; encodingAesKey: string; componentAppid: string };

/**
 * Opens a push to the authorization-event URL: checks msg_signature (before decrypting), decrypts,
 * checks the receiveId; answers the decrypted XML. Throws WechatCryptError with the official code.
 */
export const openComponentPushText = (query: TPushQuery, body: string, credentials: TPushCredentials): string => {
  const { timestamp, nonce, msg_signature: msgSignature } = query;
  if (!timestamp || !nonce || !msgSignature) {
    throw new WechatCryptError(CRYPT_ERROR.validateSignature, "timestamp, nonce and msg_signature are required");
  }
  const envelope = parseXml(body);
  const encrypted = xmlText(envelope, "Encrypt");
  if (!encrypted) throw new WechatCryptError(CRYPT_ERROR.parseXml, "body has no <Encrypt> element");
  const expected = computeSignature(credentials.token, timestamp, nonce, encrypted);
  if (!signaturesMatch(expected, msgSignature)) {
    throw new WechatCryptError(CRYPT_ERROR.validateSignature, "msg_signature does not match");
  }
  const outerAppId = xmlText(envelope, "AppId");
  if (outerAppId !== undefined && outerAppId !== credentials.componentAppid) {
    throw new WechatCryptError(CRYPT_ERROR.validateAppid, "the push is addressed to another appid");
  }
  return decryptMessage({
    encodingAesKey: credentials.encodingAesKey,
    encrypted,
    expectedReceiveId: credentials.componentAppid,
  });
};

/** openComponentPushText, parsed. */
export const openComponentPush = (query: TPushQuery, body: string, credentials: TPushCredentials): TXmlObject =>
  parseXml(openComponentPushText(query, body, credentials));

export type TSealedPush = {
  query: { timestamp: string; nonce: string; encrypt_type: string; signature: string; msg_signature: string };
  body: string;
};

export type TSealOptions = { timestamp?: string; nonce?: string; randomPrefix?: Buffer };

/**
 * Encrypts a plaintext as WeChat does (receiveId = component appid) and signs it: what every sealed envelope is
 * built from, in either direction (pushes and messages to the platform, passive replies back).
 */
export const encryptAndSign = (plaintext: string, credentials: TPushCredentials, options: TSealOptions = {}) => {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(100_000_000, 2_000_000_000));
  const encrypted = encryptMessage({
    encodingAesKey: credentials.encodingAesKey,
    receiveId: credentials.componentAppid,
    message: plaintext,
    randomPrefix: options.randomPrefix ?? randomBytes(16),
  });
  return {
    timestamp,
    nonce,
    encrypted,
    signature: computeSignature(credentials.token, timestamp, nonce),
    msgSignature: computeSignature(credentials.token, timestamp, nonce, encrypted),
  };
};

/** Builds a push the way WeChat sends one (the simulator uses it; so do tests). */
export const sealComponentPush = (
  message: Record<string, string | number | Record<string, string | number>>,
  credentials: TPushCredentials,
  options: TSealOptions = {},
): TSealedPush => {
  const { timestamp, nonce, encrypted, signature, msgSignature } = encryptAndSign(buildXml(message), credentials, options);
  return {
    query: { timestamp, nonce, encrypt_type: "aes", signature, msg_signature: msgSignature },
    body: buildXml({ AppId: credentials.componentAppid, Encrypt: encrypted }),
  };
};

const epochSeconds = z.coerce.number().int().nonnegative();

export const ZVerifyTicketPush = z.object({
  InfoType: z.literal("component_verify_ticket"),
  AppId: z.string(),
  CreateTime: epochSeconds,
  ComponentVerifyTicket: z.string().min(1),
});

export const ZAuthorizedPush = z.object({
  InfoType: z.enum(["authorized", "updateauthorized"]),
  AppId: z.string(),
  CreateTime: epochSeconds,
  AuthorizerAppid: z.string().min(1),
  AuthorizationCode: z.string().min(1),
  AuthorizationCodeExpiredTime: epochSeconds.optional(),
  PreAuthCode: z.string().optional(),
});

export const ZUnauthorizedPush = z.object({
  InfoType: z.literal("unauthorized"),
  AppId: z.string(),
  CreateTime: epochSeconds,
  AuthorizerAppid: z.string().min(1),
});

export const ZFastRegisterPush = z.object({
  InfoType: z.literal("notify_third_fasteregister"),
  AppId: z.string(),
  CreateTime: epochSeconds,
  appid: z.string().optional(),
  status: z.coerce.number().int(),
  auth_code: z.string().optional(),
  msg: z.string().optional(),
});

export type TVerifyTicketPush = z.infer<typeof ZVerifyTicketPush>;
export type TAuthorizedPush = z.infer<typeof ZAuthorizedPush>;
export type TUnauthorizedPush = z.infer<typeof ZUnauthorizedPush>;
export type TFastRegisterPush = z.infer<typeof ZFastRegisterPush>;

export type TComponentPush =
  | ({ kind: "verify_ticket" } & TVerifyTicketPush)
  | ({ kind: "authorized" } & TAuthorizedPush)
  | ({ kind: "unauthorized" } & TUnauthorizedPush)
  | ({ kind: "fast_register" } & TFastRegisterPush)
  | { kind: "other"; InfoType: string; fields: TXmlObject };

/** Classifies a decrypted push by InfoType. A known InfoType with missing fields throws -40002. */
export const classifyPush = (message: TXmlObject): TComponentPush => {
  const infoType = xmlText(message, "InfoType") ?? "";
  const parse = <T>(schema: z.ZodType<T>): T => {
    const result = schema.safeParse(message);
    if (!result.success) {
      throw new WechatCryptError(
        CRYPT_ERROR.parseXml,
        `${infoType} push is missing fields: ${result.error.issues.map((i) => i.path.join(".")).join(", ")}`,
      );
    }
    return result.data;
  };
  switch (infoType) {
    case "component_verify_ticket":
      return { kind: "verify_ticket", ...parse(ZVerifyTicketPush) };
    case "authorized":
    case "updateauthorized":
      return { kind: "authorized", ...parse(ZAuthorizedPush) };
    case "unauthorized":
      return { kind: "unauthorized", ...parse(ZUnauthorizedPush) };
    case "notify_third_fasteregister":
      return { kind: "fast_register", ...parse(ZFastRegisterPush) };
    default:
      return { kind: "other", InfoType: infoType, fields: message };
  }
};
