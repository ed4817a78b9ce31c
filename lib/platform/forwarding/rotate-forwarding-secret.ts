import { getDb } from "../../db";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { newSigningSecret } from "./create-forwarding-rule";
import { getForwardingRule } from "./list-forwarding-rules";

/** Replaces a rule's signing secret (admin); the new one is answered once. Later deliveries are signed with it. */
export const rotateForwardingSecret = async ({ id, actor }: { id: string; actor: string }) => {
  const rule = await getForwardingRule({ id });
  const { secret, secretHint } = newSigningSecret();
  await getDb().forwardingRule.update({ where: { id }, data: { secret: encryptSecret(secret), secretHint } });
  await recordEvent({ kind: "admin.action", message: `Forwarding rule "${rule.name}": signing secret rotated`, actor });
  return { ...rule, secretHint, secret };
};
