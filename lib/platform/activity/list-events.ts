import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";

// The event log, newest first, paginated by id (keyset: each page is an indexed range, however long the log).

export const EVENT_OUTCOMES = ["ok", "error", "rejected"] as const;

export type ListEventsOptions = {
  /** One platform's events ("" the default one, with the events of no platform); every platform's when absent (see platformFilter). */
  platformKey?: string;
  kind?: string;
  appid?: string;
  outcome?: string;
  before?: number | null;
  limit?: number;
};

export const EVENT_LIST_SELECT = {
  id: true,
  at: true,
  kind: true,
  appid: true,
  outcome: true,
  errcode: true,
  message: true,
  actor: true,
  platformKey: true,
} satisfies Prisma.EventSelect;
export type TEventListItem = Prisma.EventGetPayload<{ select: typeof EVENT_LIST_SELECT }>;

/** One page of events (limit 1–200, default 50) older than `before` (an event id), and the id to pass for the next page. */
export const listEvents = async ({ platformKey, kind, appid, outcome, before, limit = 50 }: ListEventsOptions = {}) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad_request", "limit must be a whole number from 1 to 200");
  if (before !== undefined && before !== null && (!Number.isInteger(before) || before < 1)) {
    throw new AppError("bad_request", "before must be an event id (a positive whole number)");
  }
  const rows = await getDb().event.findMany({
    where: {
      ...(platformKey !== undefined ? { platformKey } : {}),
      ...(kind ? { kind } : {}),
      ...(appid ? { appid } : {}),
      ...(outcome ? { outcome } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: EVENT_LIST_SELECT,
  });
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
};

/** The event kinds that have occurred, for the filter's options. */
export const listEventKinds = async () => (await getDb().event.groupBy({ by: ["kind"], orderBy: { kind: "asc" } })).map((row) => row.kind);
