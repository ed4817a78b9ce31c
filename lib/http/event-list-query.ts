import { EVENT_OUTCOMES } from "../platform/activity/list-events";
import { firstParam, isOneOf, type TSearchParams } from "./search-params";

// The event list's state in the URL: kind, appid, outcome, before (an event id), the chosen platform. Unknown values are dropped.

export const parseEventListQuery = (params: TSearchParams) => {
  const outcome = firstParam(params.outcome);
  const before = Number(firstParam(params.before));
  return {
    kind: firstParam(params.kind)?.slice(0, 64),
    appid: firstParam(params.appid)?.slice(0, 64),
    outcome: isOneOf(EVENT_OUTCOMES, outcome) ? outcome : undefined,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
    /** The chosen platform's component appid (dashboard-platform.ts); absent for the default one. */
    platform: firstParam(params.platform)?.slice(0, 64),
  };
};

export type TEventListQuery = ReturnType<typeof parseEventListQuery>;

export const eventListHref = (
  query: TEventListQuery,
  changes: Partial<Record<"kind" | "appid" | "outcome" | "before", string | undefined>> = {},
) => {
  const values: Record<string, string | undefined> = {
    kind: query.kind,
    appid: query.appid,
    outcome: query.outcome,
    before: query.before?.toString(),
    platform: query.platform,
    ...changes,
  };
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return params.size ? `/events?${params}` : "/events";
};
