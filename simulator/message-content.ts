import { createHash, randomBytes, randomInt } from "node:crypto";
import type { TAccount } from "./accounts";
import type { TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";

// The plaintext of what a WeChat user (or WeChat itself, for audit results) sends to an account (§10.1).

export const MESSAGE_KINDS = ["text", "image", "event", "weapp_audit_success", "weapp_audit_fail", "weapp_audit_delay"] as const;
export type TMessageKind = (typeof MESSAGE_KINDS)[number];

export type TSendMessageOptions = {
  /** A simulated account with an active authorization of the platform. */
  appid: string;
  /**
   * The platform that receives the account's messages (WeChat sends them to the one holding its message permission):
   * the primary one when absent. The message goes to that platform's message URL, sealed with its keys.
   */
  componentAppid?: string;
  kind: TMessageKind;
  /** The sender; defaults to a stable fake openid per account. */
  openid?: string;
  /** Content of a text message; the Reason of weapp_audit_fail/weapp_audit_delay. */
  content?: string;
  /** For kind "event": subscribe, CLICK, LOCATION, user_enter_tempsession ... (default subscribe). */
  event?: string;
  eventKey?: string;
  /** Extra or overriding plaintext fields: PicUrl, MediaId, Latitude, ScreenShot ... */
  fields?: Record<string, string | number>;
};

export type TPlaintext = Record<string, string | number>;

/** A stable fake openid per account, 28 characters like ozy4qt5QUADNXORxCVipKMV9dss0. */
export const defaultOpenid = (appid: string) => `o${createHash("sha256").update(`openid|${appid}`).digest("base64url").slice(0, 27)}`;

export const isOpenidForm = (value: unknown): value is string => typeof value === "string" && /^[A-Za-z0-9_-]{28}$/.test(value);

/**
 * 17-digit MsgIds, unique per simulator. They stay below 2^54 and even, where every such integer is an exact double that
 * prints digit for digit, so the XML carries it bare as WeChat writes it.
 */
export const firstMsgId = () => 10_000_000_000_000_000 + 2 * randomInt(0, 2 ** 47);
const nextMsgId = (context: TSimulatorContext) => {
  const id = context.state.nextMsgId;
  context.state.nextMsgId += 2;
  return id;
};

// The events that open the 48 h customer-service window; a LOCATION report or an audit result is no user action.
const WINDOW_EVENTS = new Set(["subscribe", "SCAN", "CLICK", "scancode_push", "scancode_waitmsg", "user_enter_tempsession"]);

export const opensServiceWindow = (message: TPlaintext) => message.MsgType !== "event" || WINDOW_EVENTS.has(String(message.Event));

const eventDefaults = (event: string): TPlaintext => {
  // The sample values of WeChat's LOCATION event.
  if (event === "LOCATION") return { Latitude: 23.137466, Longitude: 113.352425, Precision: 119.38504 };
  if (event === "user_enter_tempsession") return { SessionFrom: "" };
  return {};
};

/** Builds the plaintext XML fields in WeChat's order; throws SimulatorError (400) on what WeChat would never send. */
export const buildPlaintext = (context: TSimulatorContext, account: TAccount, options: TSendMessageOptions, openid: string): TPlaintext => {
  const now = context.clock.nowSeconds();
  const base: TPlaintext = { ToUserName: account.userName, FromUserName: openid, CreateTime: now };
  const extra = options.fields ?? {};
  if (options.kind.startsWith("weapp_audit_") && account.kind !== "mini_program") {
    throw new SimulatorError(`${options.kind} is a mini-program event; ${account.appid} is an Official Account`);
  }
  switch (options.kind) {
    case "text":
      if (!options.content) throw new SimulatorError("a text message needs content");
      return { ...base, MsgType: "text", Content: options.content, ...extra, MsgId: nextMsgId(context) };
    case "image":
      return {
        ...base,
        MsgType: "image",
        PicUrl: `${context.url}/__sim/avatar/${account.appid}.svg`,
        MediaId: `media_${randomBytes(12).toString("hex")}`,
        ...extra,
        MsgId: nextMsgId(context),
      };
    case "event": {
      const event = options.event || "subscribe";
      const key: TPlaintext = options.eventKey === undefined ? {} : { EventKey: options.eventKey };
      return { ...base, MsgType: "event", Event: event, ...key, ...eventDefaults(event), ...extra };
    }
    case "weapp_audit_success":
      return { ...base, MsgType: "event", Event: options.kind, SuccTime: now, ...extra };
    case "weapp_audit_fail":
      return {
        ...base,
        MsgType: "event",
        Event: options.kind,
        Reason: options.content || "小程序名称与实际内容不符",
        FailTime: now,
        ScreenShot: "screenshot_media_1|screenshot_media_2",
        ...extra,
      };
    case "weapp_audit_delay":
      return {
        ...base,
        MsgType: "event",
        Event: options.kind,
        Reason: options.content || "审核排队中，将延后完成",
        DelayTime: now,
        ...extra,
      };
    default:
      throw new SimulatorError(`kind must be one of ${MESSAGE_KINDS.join(", ")}`);
  }
};

/** One line for lists: the text, the event and its key, an audit reason. */
export const summarizePlaintext = (message: TPlaintext) =>
  message.MsgType === "event"
    ? [message.Event, message.EventKey, message.Reason].filter((part) => part !== undefined && part !== "").join(" ")
    : String(message.Content ?? message.PicUrl ?? "");

const windowKey = (appid: string, openid: string) => `${appid}|${openid}`;

export const recordInteraction = (context: TSimulatorContext, appid: string, openid: string) =>
  context.state.interactions.set(windowKey(appid, openid), context.clock.nowMs());

/** When this openid last wrote to the account (epoch ms), for the 48 h customer-service window (45015). */
export const lastInteraction = (context: TSimulatorContext, appid: string, openid: string) =>
  context.state.interactions.get(windowKey(appid, openid));
