import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { DELIVERY_LIFETIME_MS } from "../forwarding/enqueue-deliveries";

/**
 * Gives dead deliveries of a rule another 24 h (admin): one by id, or all of the rule's. They keep their id, so
 * they go out before later deliveries of the same account, and their delivery id, so receivers still dedupe.
 */
export const redeliverDeliveries = async ({ ruleId, deliveryId, actor }: { ruleId: string; deliveryId?: number; actor: string }) => {
  const now = new Date();
  const { count } = await getDb().delivery.updateMany({
    where: { ruleId, status: "dead", ...(deliveryId ? { id: deliveryId } : {}) },
    data: {
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      giveUpAt: new Date(now.getTime() + DELIVERY_LIFETIME_MS),
      leaseToken: null,
      leaseUntil: null,
    },
  });
  if (deliveryId && count === 0)
    throw new AppError(
      "not_found",
      `Delivery ${deliveryId} of this rule is not dead (or does not exist): only dead deliveries are redelivered`,
    );
  await recordEvent({
    kind: "admin.action",
    message: `${count} dead deliveries queued again`,
    detail: { ruleId, deliveryId: deliveryId ?? null },
    actor,
  });
  wakeDeliveryWorker();
  return { redelivered: count };
};
