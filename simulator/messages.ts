import { openPassiveReply, sealAuthorizerMessage } from "../lib/wechat/message";
import { xmlText } from "../lib/wechat/xml";
import { findAccount, requireActiveAuthorization } from "./authorizations";
import { APPID_PLACEHOLDER } from "./config";
import { pushCapped, type TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";
import { requirePlatform, type TSimulatorPlatform } from "./platforms";
import {
  buildPlaintext,
  defaultOpenid,
  isOpenidForm,
  opensServiceWindow,
  recordInteraction,
  summarizePlaintext,
  type TMessageKind,
  type TPlaintext,
  type TSendMessageOptions,
} from "./message-content";

// Messages "from a WeChat user" to a platform's message URL (§10.1): sealed once, posted up to messageAttempts times.

export const MAX_MESSAGES = 1000;
const ANSWER_PREVIEW = 500;

/** What the platform answered, as WeChat reads it. */
export type TMessageReply =
  | { kind: "none" }
  | { kind: "text"; content: string; toUserName: string; fromUserName: string; signatureOk: true }
  | { kind: "other"; msgType: string; toUserName: string; fromUserName: string; signatureOk: true }
  | { kind: "invalid"; error: string };

export type TMessageRecord = {
  id: number;
  at: string;
  appid: string;
  /** The platform whose message URL it was sent to. */
  componentAppid: string;
  openid: string;
  kind: TMessageKind;
  msgType: string;
  event: string | null;
  msgId: string | null;
  /** Content of a text message, else null. */
  content: string | null;
  summary: string;
  /** The message URL with the appid filled in (without the signed query). */
  url: string;
  attempts: number;
  /** Until the last attempt ends. */
  isPending: boolean;
  /** True once an attempt was answered HTTP 200 (whatever the body: WeChat then stops retrying). */
  ok: boolean;
  /** HTTP status of the last attempt; null when it got no answer (timeout, refused), as in deliveries. */
  status: number | null;
  latencyMs: number | null;
  /** The first 500 characters of the last answer, or the transport error. */
  answer: string;
  /** True when the platform answered HTTP 200 with a body of zero bytes. */
  isEmptyAnswer: boolean;
  reply: TMessageReply;
  message: TPlaintext;
};

const snapshot = (record: TMessageRecord): TMessageRecord => ({ ...record, reply: { ...record.reply }, message: { ...record.message } });

const errorText = (error: unknown) => {
  // fetch hides the useful part (ECONNREFUSED, a timeout) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
};

/**
 * Reads an answer the way WeChat does: `success` or nothing means no reply; anything else must be a passive reply
 * sealed with the keys of the platform the message went to.
 */
export const readReply = (platform: TSimulatorPlatform, body: string): TMessageReply => {
  if (body === "" || body === "success") return { kind: "none" };
  try {
    const xml = openPassiveReply(body, platform);
    const addressing = {
      toUserName: xmlText(xml, "ToUserName") ?? "",
      fromUserName: xmlText(xml, "FromUserName") ?? "",
      signatureOk: true,
    } as const;
    const msgType = xmlText(xml, "MsgType") ?? "";
    if (msgType === "text") return { kind: "text", content: xmlText(xml, "Content") ?? "", ...addressing };
    return { kind: "other", msgType, ...addressing };
  } catch (error) {
    const code = error instanceof Error && "code" in error ? ` (${String(error.code)})` : "";
    return { kind: "invalid", error: `${error instanceof Error ? error.message : String(error)}${code}` };
  }
};

const attemptOnce = async (context: TSimulatorContext, platform: TSimulatorPlatform, url: string, body: string, record: TMessageRecord) => {
  const startedAt = performance.now();
  try {
    const signal = AbortSignal.any([AbortSignal.timeout(context.config.messageTimeoutMs), context.shutdown.signal]);
    const response = await fetch(url, { method: "POST", headers: { "content-type": "text/xml" }, body, signal });
    const text = await response.text();
    Object.assign(record, { status: response.status, answer: text.slice(0, ANSWER_PREVIEW) });
    record.isEmptyAnswer = response.status === 200 && text === "";
    if (response.status === 200) record.reply = readReply(platform, text);
    return response.status === 200;
  } catch (error) {
    Object.assign(record, { status: null, answer: errorText(error).slice(0, ANSWER_PREVIEW), isEmptyAnswer: false });
    return false;
  } finally {
    record.latencyMs = Math.round(performance.now() - startedAt);
  }
};

const messageUrlFor = (platform: TSimulatorPlatform, appid: string) => platform.messageUrl.split(APPID_PLACEHOLDER).join(appid);

/**
 * Validates and records the message at once (so callers get an id, and a bad appid is an error now), then posts it:
 * the SAME sealed body every attempt, so the platform's de-duplication is exercised. Only a 200 ends the retries.
 */
export const startMessage = (context: TSimulatorContext, options: TSendMessageOptions) => {
  const account = findAccount(context, options.appid);
  const platform = requirePlatform(context, options.componentAppid);
  // Only a platform the account has authorized (and not cancelled) gets its users' messages.
  requireActiveAuthorization(context, account.appid, platform.componentAppid, 409);
  if (options.openid !== undefined && !isOpenidForm(options.openid)) {
    throw new SimulatorError("openid must be 28 characters of [A-Za-z0-9_-], like ozy4qt5QUADNXORxCVipKMV9dss0");
  }
  const openid = options.openid ?? defaultOpenid(account.appid);
  const message = buildPlaintext(context, account, options, openid);
  const sealed = sealAuthorizerMessage(message, platform, { timestamp: String(context.clock.nowSeconds()) });
  const baseUrl = messageUrlFor(platform, account.appid);
  const url = new URL(baseUrl);
  for (const [key, value] of Object.entries(sealed.query)) url.searchParams.set(key, value);
  if (opensServiceWindow(message)) recordInteraction(context, account.appid, openid);
  const record: TMessageRecord = {
    id: context.state.nextMessageId++,
    at: new Date(context.clock.nowMs()).toISOString(),
    appid: account.appid,
    componentAppid: platform.componentAppid,
    openid,
    kind: options.kind,
    msgType: String(message.MsgType),
    event: message.MsgType === "event" ? String(message.Event) : null,
    msgId: message.MsgId === undefined ? null : String(message.MsgId),
    content: message.MsgType === "text" ? String(message.Content) : null,
    summary: summarizePlaintext(message),
    url: baseUrl,
    attempts: 0,
    isPending: true,
    ok: false,
    status: null,
    latencyMs: null,
    answer: "",
    isEmptyAnswer: false,
    reply: { kind: "none" },
    message,
  };
  pushCapped(context.state.messages, record, MAX_MESSAGES);
  const done = (async () => {
    while (!record.ok && record.attempts < context.config.messageAttempts && !context.shutdown.signal.aborted) {
      record.attempts += 1;
      record.ok = await attemptOnce(context, platform, url.toString(), sealed.body, record);
    }
    record.isPending = false;
    return snapshot(record);
  })();
  return { message: snapshot(record), done };
};

export const listMessages = (context: TSimulatorContext) => context.state.messages.map(snapshot);
