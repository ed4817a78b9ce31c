import { getDb, type DbTransaction } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { countEvent } from "../../metrics";

export type TEventKind =
  | "ticket.received"
  | "ticket.push_requested"
  | "ticket.stale"
  | "component_token.refreshed"
  | "component_token.failed"
  | "push.received"
  | "push.ignored"
  | "push.rejected"
  | "message.rejected"
  | "authorization.link_created"
  | "authorization.started"
  | "authorization.exchanged"
  | "authorization.failed"
  | "authorization.updated"
  | "authorization.cancelled"
  | "authorizer.imported"
  | "token.refreshed"
  | "token.refresh_failed"
  | "token.invalidated"
  | "authorizer.refresh_token_recovered"
  | "sweep.shortfall"
  | "proxy.failed"
  | "release_check.text"
  | "release_check.api_text"
  | "release_check.event"
  | "miniprogram.version"
  | "miniprogram.audit"
  | "miniprogram.template"
  | "release.campaign"
  | "auth.second_factor"
  | "admin.action";

export type TRecordEventOptions = {
  kind: TEventKind;
  appid?: string | null;
  outcome?: "ok" | "error";
  errcode?: number | null;
  message?: string;
  /** Never a secret: callers pass ids, names, counts, errcodes. */
  detail?: Record<string, unknown>;
  actor?: string | null;
  /** The platform it happened on ("" the default one); an added platform named in detail.componentAppid (platformDetail) is taken from there. */
  platformKey?: string;
};

/** Appends to the event log (and the structured log). Pass the transaction when the event belongs to one. */
export const recordEvent = async (options: TRecordEventOptions, transaction?: DbTransaction) => {
  const { kind, appid = null, outcome = "ok", errcode = null, message = "", detail, actor = null } = options;
  const platformKey = options.platformKey ?? (typeof detail?.componentAppid === "string" ? detail.componentAppid : "");
  await (transaction ?? getDb()).event.create({
    data: {
      platformKey,
      kind,
      appid,
      outcome,
      errcode,
      message,
      detail: detail && Object.keys(detail).length > 0 ? JSON.stringify(detail) : null,
      actor,
    },
  });
  // The one place a WeChat failure is reported. 45009 (daily quota used up) stops that API until midnight Beijing
  // time: loud, at error level.
  (outcome === "ok" ? log.info : errcode === 45009 ? log.error : log.warn)(kind, { appid, outcome, errcode, message, actor });
  countEvent(kind, outcome, errcode, platformKey || getEnv().WECHAT_COMPONENT_APPID);
};
