import { computeSignature, decryptMessage, signaturesMatch } from "./crypto";
import { CRYPT_ERROR, WechatCryptError } from "./errors";
import { encryptAndSign, openComponentPushText, type TPushCredentials, type TPushQuery, type TSealOptions } from "./push";
import { buildXml, parseXml, xmlText, type TXmlObject } from "./xml";

// The message-and-event URL (protocol reference §10.1): what a WeChat user sends to an authorized account, and the
// account's events. Same WXBizMsgCrypt as the authorization-event URL, with the component's token, key and appid;
// the envelope carries ToUserName instead of AppId.

/** The MsgTypes WeChat documents; anything else is kept as `other` with its raw fields. */
export const MESSAGE_TYPES = ["text", "image", "voice", "video", "shortvideo", "location", "link", "miniprogrampage", "event"] as const;
/** Every value a parsed message's msgType takes. */
export const MESSAGE_KINDS = [...MESSAGE_TYPES, "other"] as const;
export type TMessageType = (typeof MESSAGE_KINDS)[number];

/** One received message or event, in one shape for every MsgType. `fields` keeps everything WeChat sent. */
export type TAuthorizerMessage = {
  toUserName: string;
  /** The sender's openid. */
  fromUserName: string;
  createTime: number;
  msgType: TMessageType;
  /** The MsgType as WeChat wrote it (differs from msgType only for `other`). */
  rawMsgType: string;
  /** Messages have one; events do not. */
  msgId: string | null;
  event: string | null;
  eventKey: string | null;
  /** A short human summary: the text, a link's title, an event and its key ... (personal data: store encrypted). */
  summary: string;
  fields: Record<string, string>;
};

/** A received message with the decrypted XML as WeChat sent it (what an xml forwarding rule passes on). */
export type TReceivedMessage = TAuthorizerMessage & { xml: string };

/** Verifies msg_signature, decrypts with the component's key (receiveId = component appid) and parses. */
export const openAuthorizerMessage = (query: TPushQuery, body: string, credentials: TPushCredentials): TReceivedMessage => {
  const xml = openComponentPushText(query, body, credentials);
  return { ...parseAuthorizerMessage(parseXml(xml)), xml };
};

/** Flattens the decrypted XML: nested elements (e.g. ScanCodeInfo) are kept as their JSON text. */
const flatten = (xml: TXmlObject): Record<string, string> =>
  Object.fromEntries(Object.entries(xml).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));

const SUMMARY_FIELDS: Partial<Record<TMessageType, string[]>> = {
  text: ["Content"],
  image: ["PicUrl"],
  voice: ["Recognition", "Format"],
  video: ["MediaId"],
  shortvideo: ["MediaId"],
  location: ["Label", "Location_X", "Location_Y"],
  link: ["Title", "Url"],
  miniprogrampage: ["Title", "PagePath"],
};

const summarize = (msgType: TMessageType, fields: Record<string, string>, event: string | null, eventKey: string | null) => {
  if (msgType === "event") return [event, eventKey, fields.Reason].filter(Boolean).join(" ");
  return (SUMMARY_FIELDS[msgType] ?? [])
    .map((key) => fields[key])
    .filter(Boolean)
    .join(" ")
    .slice(0, 500);
};

/** The typed shape of a decrypted message; unknown MsgTypes and events are kept, never dropped. */
export const parseAuthorizerMessage = (xml: TXmlObject): TAuthorizerMessage => {
  const fields = flatten(xml);
  const rawMsgType = xmlText(xml, "MsgType") ?? "";
  const msgType: TMessageType = (MESSAGE_TYPES as readonly string[]).includes(rawMsgType) ? (rawMsgType as TMessageType) : "other";
  const event = msgType === "event" ? (xmlText(xml, "Event") ?? "") : null;
  const eventKey = xmlText(xml, "EventKey") || null;
  return {
    toUserName: xmlText(xml, "ToUserName") ?? "",
    fromUserName: xmlText(xml, "FromUserName") ?? "",
    createTime: Number(xmlText(xml, "CreateTime") ?? 0),
    msgType,
    rawMsgType,
    msgId: xmlText(xml, "MsgId") || null,
    event,
    eventKey,
    summary: summarize(msgType, fields, event, eventKey),
    fields,
  };
};

/**
 * What identifies one message across WeChat's retries (3 attempts, 5 s apart), per account: the MsgId, else sender,
 * CreateTime and event (§10.1).
 */
export const messageDedupeKey = (message: Pick<TAuthorizerMessage, "msgId" | "fromUserName" | "createTime" | "event">) =>
  message.msgId ? `msg:${message.msgId}` : `event:${message.fromUserName}:${message.createTime}:${message.event ?? ""}`;

/** The plaintext of a passive text reply: To and From swapped (§10.1). */
export const buildTextReply = ({ to, from, content, createTime }: { to: string; from: string; content: string; createTime: number }) =>
  buildXml({ ToUserName: to, FromUserName: from, CreateTime: createTime, MsgType: "text", Content: content });

/** Encrypts a passive reply as WeChat expects it back: Encrypt, MsgSignature, TimeStamp, Nonce. */
export const sealPassiveReply = (plaintext: string, credentials: TPushCredentials, options: TSealOptions = {}): string => {
  const { timestamp, nonce, encrypted, msgSignature } = encryptAndSign(plaintext, credentials, options);
  return buildXml({ Encrypt: encrypted, MsgSignature: msgSignature, TimeStamp: Number(timestamp), Nonce: nonce });
};

export type TSealedMessage = {
  query: { timestamp: string; nonce: string; openid: string; encrypt_type: string; signature: string; msg_signature: string };
  body: string;
};

/** A user's message as WeChat posts it to the message URL: ToUserName in the envelope (the simulator and tests use it). */
export const sealAuthorizerMessage = (
  message: Record<string, string | number>,
  credentials: TPushCredentials,
  options: TSealOptions = {},
): TSealedMessage => {
  const { timestamp, nonce, encrypted, signature, msgSignature } = encryptAndSign(buildXml(message), credentials, options);
  return {
    query: { timestamp, nonce, openid: String(message.FromUserName ?? ""), encrypt_type: "aes", signature, msg_signature: msgSignature },
    body: buildXml({ ToUserName: String(message.ToUserName ?? ""), Encrypt: encrypted }),
  };
};

/** What WeChat does with a passive reply: checks MsgSignature, decrypts (receiveId = component appid), parses. */
export const openPassiveReply = (xml: string, credentials: TPushCredentials): TXmlObject => {
  const reply = parseXml(xml);
  const encrypted = xmlText(reply, "Encrypt");
  const timestamp = xmlText(reply, "TimeStamp");
  const nonce = xmlText(reply, "Nonce");
  const signature = xmlText(reply, "MsgSignature");
  if (!encrypted || !timestamp || !nonce || !signature)
    throw new WechatCryptError(CRYPT_ERROR.parseXml, "a passive reply needs Encrypt, MsgSignature, TimeStamp and Nonce");
  if (!signaturesMatch(computeSignature(credentials.token, timestamp, nonce, encrypted), signature))
    throw new WechatCryptError(CRYPT_ERROR.validateSignature, "MsgSignature does not match");
  return parseXml(decryptMessage({ encodingAesKey: credentials.encodingAesKey, encrypted, expectedReceiveId: credentials.componentAppid }));
};
