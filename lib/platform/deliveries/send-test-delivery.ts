import { getDb, type DbTransaction } from "../../db";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { deliveriesFor, insertDeliveries } from "../forwarding/enqueue-deliveries";
import { getForwardingRule } from "../forwarding/list-forwarding-rules";
import { listDeliveries } from "./list-deliveries";

const WAIT_MS = 12_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Queues a `wxopen.test` delivery to one rule (whatever its types) and waits up to 12 s for its first attempt, so
 * the admin sees at once whether the receiver takes it and checks the signature. It goes through the normal outbox.
 */
export const sendTestDelivery = async ({ ruleId, actor }: { ruleId: string; actor: string }) => {
  const rule = await getForwardingRule({ id: ruleId });
  const event = {
    type: "wxopen.test",
    appid: null,
    occurredAt: new Date(),
    data: { message: "A test delivery from wxopen", rule: rule.name, sentBy: actor },
  };
  const batch = await deliveriesFor(event, undefined, { onlyRule: rule });
  const created = await getDb().$transaction(async (transaction: DbTransaction) => {
    await insertDeliveries(transaction, [batch]);
    return transaction.delivery.findUniqueOrThrow({ where: { publicId: batch.deliveries[0].publicId }, select: { id: true } });
  });
  wakeDeliveryWorker();
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const [delivery] = (await listDeliveries({ ruleId, limit: 1, before: created.id + 1 })).items;
    if (delivery.attempts > 0 || Date.now() > until) return delivery;
    await sleep(200);
  }
};
