import { randomUUID } from "node:crypto";
import { getDb, type Db, type DbTransaction } from "../../db";
import { insertDeliveries } from "../forwarding/enqueue-deliveries";

// The delivery worker's half of the message URL's fan-out (see DeliveryFanout): each fan-out row becomes one
// Delivery per rule it names, and is deleted in the same transaction. Any instance may do it; the delete is the
// compare-and-set: a transaction that deletes fewer rows than it read lost some of them to another instance, and
// rolls back, so no delivery is made twice.

/** Fan-out rows made per transaction; a pass makes up to PAGES of them. */
const PAGE = 200;
const PAGES = 10;

class TakenElsewhere extends Error {}

const makePage = async (db: Db): Promise<{ rows: number; deliveries: number }> => {
  const fanouts = await db.deliveryFanout.findMany({ orderBy: { id: "asc" }, take: PAGE });
  if (fanouts.length === 0) return { rows: 0, deliveries: 0 };
  // A rule deleted since the message arrived gets nothing (a disabled one gets its deliveries, paused).
  const named = [...new Set(fanouts.flatMap((fanout) => fanout.ruleIds.split(",")))];
  const rules = new Set((await db.forwardingRule.findMany({ where: { id: { in: named } }, select: { id: true } })).map((rule) => rule.id));
  const deliveries = fanouts.flatMap((fanout) =>
    fanout.ruleIds
      .split(",")
      .filter((ruleId) => rules.has(ruleId))
      .map((ruleId) => ({
        publicId: randomUUID(),
        ruleId,
        appid: fanout.appid,
        type: fanout.type,
        bodyId: fanout.bodyId,
        giveUpAt: fanout.giveUpAt,
        createdAt: fanout.createdAt,
      })),
  );
  const ids = fanouts.map((fanout) => fanout.id);
  try {
    await db.$transaction(async (transaction: DbTransaction) => {
      const { count } = await transaction.deliveryFanout.deleteMany({ where: { id: { in: ids } } });
      if (count !== ids.length) throw new TakenElsewhere();
      await insertDeliveries(transaction, [{ bodies: [], deliveries }]);
    });
  } catch (error) {
    if (error instanceof TakenElsewhere) return { rows: 0, deliveries: 0 };
    throw error;
  }
  return { rows: fanouts.length, deliveries: deliveries.length };
};

/** Makes the deliveries of waiting fan-out rows, oldest first (their order is the streams' order); answers how many. */
export const makeFannedOutDeliveries = async (db = getDb()) => {
  let made = 0;
  for (let page = 0; page < PAGES; page++) {
    const { rows, deliveries } = await makePage(db);
    made += deliveries;
    if (rows < PAGE) break;
  }
  return made;
};
