import { componentAppidOfKey, DEFAULT_PLATFORM_KEY } from "../platforms/platform-key";
// Which rules an event goes to: its type against the rule's patterns (* matches any run of characters), and its
// appid against the rule's list when it has one.

export type TForwardEvent = {
  type: string;
  /** Older names of the same event a rule may still use (an audit event's event.weapp_audit_*). */
  aliases?: string[];
  /** null for component events. */
  appid: string | null;
  /** The platform it happened on ("" or absent: the default one); every JSON body names its componentAppid. */
  platformKey?: string;
  occurredAt: Date;
  /** The parsed message or the authorization change: the JSON body's `data`. */
  data: unknown;
  /** The decrypted message XML as WeChat sent it (messages and events only): what an `xml` rule receives. */
  xml?: string;
};

export type TMatchableRule = { types: string[]; appids: string[] | null; platforms?: string[] | null; isEnabled: boolean };

const patterns = new Map<string, RegExp>();
const compile = (pattern: string) => {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(
      `^${pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(pattern, regex);
  }
  return regex;
};

export const typeMatches = (pattern: string, type: string) => compile(pattern).test(type);

export const ruleMatches = (rule: TMatchableRule, event: Pick<TForwardEvent, "type" | "aliases" | "appid" | "platformKey">) =>
  rule.isEnabled &&
  rule.types.some(
    (pattern) => typeMatches(pattern, event.type) || (event.aliases?.some((alias) => typeMatches(pattern, alias)) ?? false),
  ) &&
  (rule.appids === null || (event.appid !== null && rule.appids.includes(event.appid))) &&
  (!rule.platforms || rule.platforms.includes(componentAppidOfKey(event.platformKey ?? DEFAULT_PLATFORM_KEY)));

/** The event type of a received message: message.<MsgType>, or event.<Event> for events. */
export const messageEventType = (message: { msgType: string; rawMsgType: string; event: string | null }) =>
  message.msgType === "event"
    ? `event.${message.event ?? ""}`
    : `message.${message.msgType === "other" ? message.rawMsgType : message.msgType}`;
