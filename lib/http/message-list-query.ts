import { MESSAGE_KINDS } from "../wechat/message";
import { firstParam, isOneOf, type TSearchParams } from "./search-params";

// The message list's state in the URL: appid, type, date (YYYY-MM-DD), before (a message id), the chosen platform. Unknown values are dropped.

const KEYS = ["appid", "type", "date", "before", "platform"] as const;

export const parseMessageListQuery = (params: TSearchParams) => {
  const type = firstParam(params.type);
  const date = firstParam(params.date);
  const before = Number(firstParam(params.before));
  return {
    appid: firstParam(params.appid)?.slice(0, 64),
    type: isOneOf(MESSAGE_KINDS, type) ? type : undefined,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)) ? date : undefined,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
    /** The chosen platform's component appid (dashboard-platform.ts); absent for the default one. */
    platform: firstParam(params.platform)?.slice(0, 64),
  };
};

export type TMessageListQuery = ReturnType<typeof parseMessageListQuery>;

export const messageListHref = (query: TMessageListQuery, changes: Partial<Record<(typeof KEYS)[number], string | undefined>> = {}) => {
  const values: Record<string, string | undefined> = { ...query, before: query.before?.toString(), ...changes };
  const params = new URLSearchParams(KEYS.flatMap((key) => (values[key] ? [[key, values[key]!]] : [])));
  return params.size ? `/messages?${params}` : "/messages";
};
