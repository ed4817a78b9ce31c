import { randomUUID } from "node:crypto";
import type { DbTransaction } from "../../db";
import { encryptSecret } from "../../secrets";
import { getActiveRules, type TActiveRule } from "./active-rules";
import { ruleMatches, type TForwardEvent } from "./match-rules";

// The transactional outbox: called inside the transaction that records an event (a stored message, a saved
// authorization, a cancellation), it adds one delivery per matching rule, so the event and its deliveries are
// committed together or not at all. The worker sends them after the commit.

/** Receivers retry nothing themselves: wxopen keeps trying for 24 h, then marks the delivery dead. */
export const DELIVERY_LIFETIME_MS = 24 * 3_600_000;

/** The exact body a receiver gets, and its content type: the JSON envelope, or the message XML for an xml rule. */
const bodyFor = (event: TForwardEvent, format: string, publicId: string) =>
  format === "xml" && event.xml
    ? { body: event.xml, contentType: "application/xml" }
    : {
        body: JSON.stringify({
          id: publicId,
          type: event.type,
          appid: event.appid,
          occurredAt: event.occurredAt.toISOString(),
          data: event.data,
        }),
        contentType: "application/json",
      };

/**
 * The deliveries one event makes, one per matching enabled rule; `onlyRule` addresses one rule whatever its types
 * (a test delivery).
 */
export const deliveriesFor = async (
  event: TForwardEvent,
  transaction?: DbTransaction,
  { onlyRule }: { onlyRule?: Pick<TActiveRule, "id" | "format"> } = {},
) => {
  const rules = onlyRule ? [onlyRule] : (await getActiveRules(transaction)).filter((rule) => ruleMatches(rule, event));
  const giveUpAt = new Date(Date.now() + DELIVERY_LIFETIME_MS);
  return rules.map((rule) => {
    const publicId = randomUUID();
    const { body, contentType } = bodyFor(event, rule.format, publicId);
    return {
      publicId,
      ruleId: rule.id,
      appid: event.appid ?? "",
      type: event.type,
      body: encryptSecret(body),
      contentType,
      giveUpAt,
    };
  });
};

/** The one sync rule a message goes to synchronously: the oldest matching one (any other is delivered async). */
export const syncRuleFor = async (event: TForwardEvent) =>
  (await getActiveRules()).find((rule) => rule.mode === "sync" && ruleMatches(rule, event)) ?? null;

/** Adds the deliveries of these events in the caller's transaction; answers how many. */
export const enqueueDeliveries = async (transaction: DbTransaction, events: TForwardEvent[]) => {
  const rows = (await Promise.all(events.map((event) => deliveriesFor(event, transaction)))).flat();
  if (rows.length) await transaction.delivery.createMany({ data: rows });
  return rows.length;
};
