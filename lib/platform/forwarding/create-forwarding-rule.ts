import { randomBytes, randomUUID } from "node:crypto";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { invalidateActiveRules } from "./active-rules";
import { checkTargetUrl } from "./check-target-url";
import { syncRuleProblem, ZRuleFields, type TRuleFields } from "./forwarding-rule-input";
import { RULE_SELECT, toRuleView } from "./list-forwarding-rules";
import { findPlatform } from "../platforms/platform-registry";

/**
 * A new signing secret in the Standard Webhooks form (`whsec_` + standard base64 of the 32-byte key), and the hint
 * that names it without revealing it. Rules made before keep their `whsec_` + base64url secret: see delivery-signature.
 */
export const newSigningSecret = () => {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  return { secret, secretHint: `${secret.slice(0, 10)}…` };
};

/** Checks a rule's fields (zod, sync only for messages, the target address); bad input is a 400 that says why. */
export const parseRuleFields = async (input: unknown) => {
  const parsed = ZRuleFields.safeParse(input);
  if (!parsed.success)
    throw new AppError("bad_request", parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  const problem = syncRuleProblem(parsed.data);
  if (problem) throw new AppError("bad_request", problem);
  for (const componentAppid of parsed.data.platforms ?? [])
    if (!(await findPlatform(componentAppid)))
      throw new AppError("bad_request", `platforms: no platform ${componentAppid} in this deployment (Settings → Platforms lists them)`);
  const url = await checkTargetUrl(parsed.data.url);
  return { ...parsed.data, url: url.toString() };
};

/** The columns a rule's checked fields are stored in (the lists as JSON, null for "every"). */
export const ruleColumns = (fields: TRuleFields) => ({
  name: fields.name,
  url: fields.url,
  types: JSON.stringify(fields.types),
  appids: fields.appids ? JSON.stringify(fields.appids) : null,
  platforms: fields.platforms?.length ? JSON.stringify(fields.platforms) : null,
  mode: fields.mode,
  format: fields.format,
  isEnabled: fields.enabled,
});

/**
 * Creates a rule (admin). The answer carries the signing secret: it is shown this once, stored encrypted, and can
 * only be replaced (rotate), never read again.
 */
export const createForwardingRule = async ({ input, actor }: { input: unknown; actor: string }) => {
  const fields = await parseRuleFields(input);
  const { secret, secretHint } = newSigningSecret();
  const row = await getDb().forwardingRule.create({
    data: {
      id: randomUUID(),
      ...ruleColumns(fields),
      secret: encryptSecret(secret),
      secretHint,
      createdBy: actor,
    },
    select: RULE_SELECT,
  });
  invalidateActiveRules();
  await recordEvent({
    kind: "admin.action",
    message: `Forwarding rule "${row.name}" created (${fields.types.join(", ")} → ${row.url})`,
    actor,
  });
  return { ...toRuleView(row), secret };
};
