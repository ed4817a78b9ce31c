import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { decryptSecret } from "../../secrets";
import { DELIVERY_STATUSES, type TDeliveryStatus } from "../forwarding/forwarding-vocabulary";

// The delivery log, newest first, paged by id: what was sent where, how often, how it went, when it goes again.

export type ListDeliveriesOptions = { ruleId?: string; appid?: string; status?: TDeliveryStatus; before?: number | null; limit?: number };

const SELECT = {
  id: true,
  publicId: true,
  ruleId: true,
  appid: true,
  type: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  giveUpAt: true,
  lastAttemptAt: true,
  lastStatus: true,
  lastLatencyMs: true,
  lastError: true,
  lastResponse: true,
  createdAt: true,
  deliveredAt: true,
  rule: { select: { name: true } },
} satisfies Prisma.DeliverySelect;

export const listDeliveries = async ({ ruleId, appid, status, before, limit = 50 }: ListDeliveriesOptions = {}) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad_request", "limit must be a whole number from 1 to 200");
  if (status && !DELIVERY_STATUSES.includes(status)) throw new AppError("bad_request", `status is one of ${DELIVERY_STATUSES.join(", ")}`);
  const rows = await getDb().delivery.findMany({
    where: {
      ...(ruleId ? { ruleId } : {}),
      ...(appid ? { appid } : {}),
      ...(status ? { status } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: SELECT,
  });
  const items = rows.slice(0, limit).map(({ rule, lastResponse, appid: rowAppid, nextAttemptAt, ...row }) => ({
    ...row,
    appid: rowAppid || null,
    ruleName: rule.name,
    nextAttemptAt: row.status === "pending" ? nextAttemptAt : null,
    lastResponse: lastResponse === null ? null : decryptSecret(lastResponse),
  }));
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
};
export type TDeliveryListItem = Awaited<ReturnType<typeof listDeliveries>>["items"][number];

/** Deliveries by status for the page's counters: queue depth and dead ones, per rule. */
export const countDeliveries = async () => {
  const groups = await getDb().delivery.groupBy({ by: ["ruleId", "status"], _count: { _all: true } });
  const oldestPending = await getDb().delivery.findFirst({
    where: { status: "pending" },
    orderBy: { id: "asc" },
    select: { createdAt: true },
  });
  return {
    byRule: groups.map((group) => ({ ruleId: group.ruleId, status: group.status, count: group._count._all })),
    oldestPendingAt: oldestPending?.createdAt ?? null,
  };
};
