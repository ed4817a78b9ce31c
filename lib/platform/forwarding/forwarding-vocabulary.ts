// The words of forwarding, import-free so the pages can use them too.

export const RULE_MODES = ["async", "sync"] as const;
export type TRuleMode = (typeof RULE_MODES)[number];

export const RULE_FORMATS = ["json", "xml"] as const;
export type TRuleFormat = (typeof RULE_FORMATS)[number];

export const DELIVERY_STATUSES = ["pending", "succeeded", "dead"] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The event types a rule can name (message.* and event.* take any MsgType / Event WeChat sends). */
export const FORWARD_EVENT_EXAMPLES = [
  "message.*",
  "message.text",
  "message.image",
  "event.*",
  "event.subscribe",
  "miniprogram.*",
  "miniprogram.audit_passed",
  "miniprogram.audit_failed",
  "miniprogram.audit_delayed",
  "release.progress",
  "release.completed",
  "authorization.*",
  "authorization.authorized",
  "authorization.updated",
  "authorization.unauthorized",
  "authorizer.needs_reauthorization",
  "component.ticket_stale",
] as const;

/** A type pattern: dot-separated words of letters, digits and _, with * as a wildcard. */
export const TYPE_PATTERN = /^[A-Za-z0-9_*]+(\.[A-Za-z0-9_*]+)*$/;
