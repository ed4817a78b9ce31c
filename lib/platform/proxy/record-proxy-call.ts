import { getEnv } from "../../env";
import { incrementCounter, observeHistogram } from "../../metrics";
import { recordEvent } from "../activity/record-event";

// What the proxy leaves behind: metrics per WeChat path, errcode and status, and an event for a failed call
// (errcode and path only: never a body or a token), at most one per account, path and errcode a minute.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Distinct paths kept as metric labels; past it (a caller inventing paths) they count as "other". */
const MAX_PATH_LABELS = 300;
const EVENT_INTERVAL_MS = 60_000;

const globalForProxy = globalThis as unknown as { wxopenProxyPaths?: Set<string>; wxopenProxyEvents?: Map<string, number> };
const pathLabels = (globalForProxy.wxopenProxyPaths ??= new Set());
const lastEvents = (globalForProxy.wxopenProxyEvents ??= new Map());

const pathLabel = (path: string) => {
  if (pathLabels.has(path)) return path;
  if (pathLabels.size >= MAX_PATH_LABELS) return "other";
  pathLabels.add(path);
  return path;
};

/** Once a minute per key, in this process: a caller looping on a failing call does not flood the event log. */
const isEventDue = (key: string, now = Date.now()) => {
  if ((lastEvents.get(key) ?? 0) > now - EVENT_INTERVAL_MS) return false;
  if (lastEvents.size > 10_000) lastEvents.clear();
  lastEvents.set(key, now);
  return true;
};

export type TProxyCallRecord = {
  target: ({ kind: "authorizer"; appid: string } | { kind: "component" }) & { platform?: { componentAppid: string } };
  path: string;
  status: number;
  errcode: number | null;
  retry: string | null;
  seconds: number;
  actor: string;
  /** Answers the caller expects (85058 "never audited" to wxopen's own read): counted, but not an event. */
  expectedErrcodes?: readonly number[];
};

export const recordProxyCall = async ({
  target,
  path,
  status,
  errcode,
  retry,
  seconds,
  actor,
  expectedErrcodes = [],
}: TProxyCallRecord) => {
  const platform = target.platform?.componentAppid ?? getEnv().WECHAT_COMPONENT_APPID;
  const labels = { path: pathLabel(path), status: String(status), errcode: errcode === null ? "" : String(errcode), platform };
  incrementCounter(
    "wxopen_wechat_proxy_calls_total",
    "WeChat API calls made through the proxy, by path, HTTP status, errcode and platform",
    labels,
  );
  observeHistogram(
    "wxopen_wechat_proxy_duration_seconds",
    "Time to answer a proxied WeChat call (a retry included), by path",
    LATENCY_BUCKETS,
    { path: labels.path },
    seconds,
  );
  if (retry)
    incrementCounter("wxopen_wechat_proxy_retries_total", "Proxied calls whose token WeChat rejected, by path and outcome", {
      path: labels.path,
      outcome: retry.split(":")[0],
    });
  const isFailed = (errcode !== null && errcode !== 0 && !expectedErrcodes.includes(errcode)) || status >= 400;
  const appid = target.kind === "authorizer" ? target.appid : null;
  if (!isFailed || !isEventDue(`${appid}|${path}|${errcode}|${status}`)) return;
  await recordEvent({
    kind: "proxy.failed",
    appid,
    outcome: "error",
    errcode,
    message: `WeChat answered ${errcode !== null ? `errcode ${errcode}` : `HTTP ${status}`} to ${path}${retry ? ` (${retry})` : ""}`,
    detail: { path, status, retry },
    actor,
  });
};
