import type { TSearchParams } from "../authorizers/list-query";
import { EVENT_OUTCOMES } from "@/lib/platform/list-events";

// The event list's state in the URL: kind, appid, outcome, before (an event id). Unknown values are dropped.

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export const parseEventListQuery = (params: TSearchParams) => {
  const outcome = first(params.outcome);
  const before = Number(first(params.before));
  return {
    kind: first(params.kind)?.slice(0, 64),
    appid: first(params.appid)?.slice(0, 64),
    outcome: outcome && (EVENT_OUTCOMES as readonly string[]).includes(outcome) ? outcome : undefined,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
  };
};

export type TEventListQuery = ReturnType<typeof parseEventListQuery>;

export const eventListHref = (query: TEventListQuery, changes: Partial<Record<"kind" | "appid" | "outcome" | "before", string | undefined>> = {}) => {
  const values: Record<string, string | undefined> = { kind: query.kind, appid: query.appid, outcome: query.outcome, before: query.before?.toString(), ...changes };
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return params.size ? `/events?${params}` : "/events";
};
