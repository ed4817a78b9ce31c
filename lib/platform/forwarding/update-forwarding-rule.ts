import { getDb } from "../../db";
import { recordEvent } from "../activity/record-event";
import { invalidateActiveRules } from "./active-rules";
import { parseRuleFields, ruleColumns } from "./create-forwarding-rule";
import { getForwardingRule, RULE_SELECT, toRuleView } from "./list-forwarding-rules";

/** Changes some of a rule's fields (admin; PATCH semantics: what is absent stays). The secret is not one of them. */
export const updateForwardingRule = async ({ id, changes, actor }: { id: string; changes: Record<string, unknown>; actor: string }) => {
  const current = await getForwardingRule({ id });
  const fields = await parseRuleFields({ ...current, ...changes });
  const row = await getDb().forwardingRule.update({
    where: { id },
    data: ruleColumns(fields),
    select: RULE_SELECT,
  });
  invalidateActiveRules();
  const changed = Object.keys(changes).filter((key) => key in fields);
  await recordEvent({ kind: "admin.action", message: `Forwarding rule "${row.name}" changed (${changed.join(", ") || "nothing"})`, actor });
  return toRuleView(row);
};
