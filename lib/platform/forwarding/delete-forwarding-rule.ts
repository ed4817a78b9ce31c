import { getDb } from "../../db";
import { recordEvent } from "../activity/record-event";
import { invalidateActiveRules } from "./active-rules";
import { getForwardingRule } from "./list-forwarding-rules";

/** Deletes a rule and its deliveries, pending ones included (admin). */
export const deleteForwardingRule = async ({ id, actor }: { id: string; actor: string }) => {
  const rule = await getForwardingRule({ id });
  await getDb().forwardingRule.delete({ where: { id } });
  invalidateActiveRules();
  await recordEvent({ kind: "admin.action", message: `Forwarding rule "${rule.name}" deleted, with its deliveries`, actor });
  return { id, deleted: true };
};
