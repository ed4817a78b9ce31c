import { randomUUID } from "node:crypto";
import { insertRows, type DbTransaction, type Prisma } from "../../db";
import { encryptSecret } from "../../secrets";
import { envelopeBody, xmlBody } from "./delivery-body";
import { getActiveRules, type TActiveRule } from "./active-rules";
import { ruleMatches, type TForwardEvent } from "./match-rules";

// The transactional outbox: called inside the transaction that records an event (a stored message, a saved
// authorization, a cancellation), it adds one delivery per matching rule, so the event and its deliveries are
// committed together or not at all. The worker sends them after the commit.

/** Receivers retry nothing themselves: wxopen keeps trying for 24 h, then marks the delivery dead. */
export const DELIVERY_LIFETIME_MS = 24 * 3_600_000;

/** One body's deliveries, left for the delivery worker to make (a DeliveryFanout row). */
export type TFanout = { bodyId: string; appid: string; type: string; ruleIds: string[]; giveUpAt: Date; createdAt: Date };

/**
 * One event's deliveries: its bodies (one, or two when xml and json rules both match a message), one row per rule,
 * and (fanOut) the rows left for the worker to make.
 */
export type TDeliveryBatch = {
  bodies: Prisma.DeliveryBodyCreateManyInput[];
  deliveries: Array<Prisma.DeliveryCreateManyInput & { leaseToken?: string; leaseUntil?: Date }>;
  fanouts?: TFanout[];
};

/**
 * The deliveries one event makes, one per matching enabled rule, all referring to one body encrypted once (an xml
 * rule's message XML is a second body); `onlyRule` addresses one rule whatever its types (a test delivery).
 */
export const deliveriesFor = async (
  event: TForwardEvent,
  transaction?: DbTransaction,
  { onlyRule }: { onlyRule?: Pick<TActiveRule, "id" | "format"> } = {},
): Promise<TDeliveryBatch> => {
  const rules = onlyRule ? [onlyRule] : (await getActiveRules(transaction)).filter((rule) => ruleMatches(rule, event));
  if (rules.length === 0) return { bodies: [], deliveries: [] };
  const createdAt = new Date();
  const giveUpAt = new Date(createdAt.getTime() + DELIVERY_LIFETIME_MS);
  const bodies: TDeliveryBatch["bodies"] = [];
  const bodyIds = new Map<string, string>();
  const bodyIdFor = (isXml: boolean) => {
    const kind = isXml ? "xml" : "json";
    let id = bodyIds.get(kind);
    if (!id) {
      id = randomUUID();
      const { content, ...body } = isXml ? xmlBody(event.xml!) : envelopeBody(event);
      bodies.push({ id, content: encryptSecret(content), ...body, createdAt });
      bodyIds.set(kind, id);
    }
    return id;
  };
  const deliveries = rules.map((rule) => ({
    publicId: randomUUID(),
    ruleId: rule.id,
    appid: event.appid ?? "",
    type: event.type,
    bodyId: bodyIdFor(rule.format === "xml" && Boolean(event.xml)),
    giveUpAt,
    createdAt,
  }));
  return { bodies, deliveries };
};

/**
 * The batch with its deliveries that nobody holds turned into fan-out rows, one per body: the request writes one row
 * whatever the number of rules, and the delivery worker makes the deliveries (makeFannedOutDeliveries). A delivery
 * claimed by the request (a sync rule's) stays a row of its own.
 */
export const fanOut = ({ bodies, deliveries }: TDeliveryBatch): TDeliveryBatch => {
  const fanouts = new Map<string, TFanout>();
  const held: TDeliveryBatch["deliveries"] = [];
  for (const delivery of deliveries) {
    if (delivery.leaseToken) {
      held.push(delivery);
      continue;
    }
    const fanout = fanouts.get(delivery.bodyId);
    if (fanout) fanout.ruleIds.push(delivery.ruleId);
    else
      fanouts.set(delivery.bodyId, {
        bodyId: delivery.bodyId,
        appid: delivery.appid ?? "",
        type: delivery.type,
        ruleIds: [delivery.ruleId],
        giveUpAt: new Date(delivery.giveUpAt),
        createdAt: new Date(delivery.createdAt ?? Date.now()),
      });
  }
  return { bodies, deliveries: held, fanouts: [...fanouts.values()] };
};

/**
 * Writes batches in the caller's transaction: the bodies first (the deliveries refer to them), each table in
 * multi-row inserts (insertRows: the message URL queues one row per rule for every message it takes).
 */
export const insertDeliveries = async (transaction: DbTransaction, batches: TDeliveryBatch[]) => {
  const bodies = batches.flatMap((batch) => batch.bodies);
  const deliveries = batches.flatMap((batch) => batch.deliveries);
  await insertRows(
    transaction,
    "DeliveryBody",
    bodies.map((body) => ({
      id: body.id,
      content: body.content,
      isEnvelope: body.isEnvelope ?? false,
      contentType: body.contentType,
      createdAt: new Date(body.createdAt ?? Date.now()),
    })),
  );
  await insertRows(
    transaction,
    "Delivery",
    deliveries.map((delivery) => {
      const createdAt = new Date(delivery.createdAt ?? Date.now());
      return {
        publicId: delivery.publicId,
        ruleId: delivery.ruleId,
        appid: delivery.appid ?? "",
        type: delivery.type,
        bodyId: delivery.bodyId,
        status: "pending",
        attempts: 0,
        nextAttemptAt: createdAt,
        giveUpAt: new Date(delivery.giveUpAt),
        leaseToken: delivery.leaseToken ?? null,
        leaseUntil: delivery.leaseUntil ?? null,
        createdAt,
      };
    }),
  );
  await insertRows(
    transaction,
    "DeliveryFanout",
    batches.flatMap((batch) => (batch.fanouts ?? []).map(({ ruleIds, ...fanout }) => ({ ...fanout, ruleIds: ruleIds.join(",") }))),
  );
  return deliveries.length;
};

/** The one sync rule a message goes to synchronously: the oldest matching one (any other is delivered async). */
export const syncRuleFor = async (event: TForwardEvent) =>
  (await getActiveRules()).find((rule) => rule.mode === "sync" && ruleMatches(rule, event)) ?? null;

/** Adds the deliveries of these events in the caller's transaction; answers how many. */
export const enqueueDeliveries = async (transaction: DbTransaction, events: TForwardEvent[]) =>
  insertDeliveries(transaction, await Promise.all(events.map((event) => deliveriesFor(event, transaction))));
