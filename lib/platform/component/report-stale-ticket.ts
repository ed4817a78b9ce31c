import { getDb } from "../../db";
import { recordEvent } from "../activity/record-event";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformSuffix } from "../platforms/platform-detail";
import { ticketsOf } from "./get-latest-verify-ticket";
import { platformUrls } from "./platform-view";

/** WeChat pushes a ticket every 10 minutes: three missed pushes in a row mean the notify URL is not reached. */
export const TICKET_STALE_AFTER_MS = 30 * 60 * 1000;

/**
 * No component_verify_ticket for 30 minutes: an error event and `component.ticket_stale` to the forwarding rules,
 * once per silence (compare-and-set on the newest ticket's row, so instances and later sweeps do not repeat it).
 * A platform that has never received a ticket is still being set up and reports nothing. Answers whether it reported.
 */
export const reportStaleTicket = async (now = new Date(), platform: TPlatform = defaultPlatform()): Promise<boolean> => {
  const db = getDb();
  const latest = await db.verifyTicket.findFirst({
    where: ticketsOf(platform),
    orderBy: { id: "desc" },
    select: { id: true, receivedAt: true, staleReportedAt: true },
  });
  if (!latest || latest.staleReportedAt || now.getTime() - latest.receivedAt.getTime() < TICKET_STALE_AFTER_MS) return false;
  const silentMinutes = Math.floor((now.getTime() - latest.receivedAt.getTime()) / 60_000);
  const isReported = await db.$transaction(async (transaction) => {
    const { count } = await transaction.verifyTicket.updateMany({
      where: { id: latest.id, staleReportedAt: null },
      data: { staleReportedAt: now },
    });
    if (count === 0) return false;
    const data = { componentAppid: platform.componentAppid, lastTicketAt: latest.receivedAt.toISOString(), silentMinutes };
    await recordEvent(
      {
        kind: "ticket.stale",
        outcome: "error",
        message: `No component_verify_ticket for ${silentMinutes} minutes${platformSuffix(platform)}: check that WeChat reaches ${platformUrls(platform).notify} (the authorization event URL).`,
        detail: data,
      },
      transaction,
    );
    await enqueueDeliveries(transaction, [{ type: "component.ticket_stale", appid: null, occurredAt: now, data }]);
    return true;
  });
  if (isReported) wakeDeliveryWorker();
  return isReported;
};
