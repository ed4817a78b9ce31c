import { z } from "zod";
import { APPID_PATTERN } from "../../wechat/appid";
import { RULE_FORMATS, RULE_MODES, TYPE_PATTERN } from "./forwarding-vocabulary";

// What a rule is made of, checked the same way for the API and the page.

const ZTypes = z
  .array(z.string().trim().regex(TYPE_PATTERN, "each type is like message.text, event.* or authorization.authorized"))
  .min(1, "name at least one event type, e.g. message.*")
  .max(50);

export const ZRuleFields = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  url: z.string().trim().min(1, "url is required").max(2000, "url is at most 2,000 characters"),
  types: ZTypes,
  appids: z.array(z.string().trim().regex(APPID_PATTERN, "each appid is wx followed by 16 letters or digits")).max(1000).nullish(),
  /** Component appids of the platforms whose events it forwards; null or absent: every platform. */
  platforms: z
    .array(z.string().trim().regex(APPID_PATTERN, "each platform is its component appid: wx followed by 16 letters or digits"))
    .max(100)
    .nullish(),
  mode: z.enum(RULE_MODES, { message: "mode is async or sync" }).default("async"),
  format: z.enum(RULE_FORMATS, { message: "format is json or xml" }).default("json"),
  enabled: z.boolean().default(true),
});
export type TRuleFields = z.infer<typeof ZRuleFields>;

/** sync waits for the receiver's passive reply, which only a user's message or event can have. */
export const syncRuleProblem = (fields: Pick<TRuleFields, "mode" | "types">) =>
  fields.mode === "sync" && fields.types.some((type) => !/^(message|event)\./.test(type))
    ? "a sync rule forwards messages and events only (types starting with message. or event.)"
    : null;
