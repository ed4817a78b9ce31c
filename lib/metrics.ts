// In-process counters for GET /api/metrics (Prometheus text). Each instance reports its own.

type TLabels = Record<string, string>;
type THistogram = { help: string; buckets: number[]; series: Map<string, { counts: number[]; sum: number; count: number }> };
// On globalThis: Next.js may load this module once per route bundle and once for instrumentation; one process, one store.
type TStore = { counters: Map<string, { help: string; values: Map<string, number> }>; histograms: Map<string, THistogram> };
const globalForMetrics = globalThis as unknown as { wxopenMetrics?: TStore };
const store: TStore = (globalForMetrics.wxopenMetrics ??= { counters: new Map(), histograms: new Map() });
const counters = store.counters;

const labelKey = (labels: TLabels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, "_")}"`)
    .join(",");

export const incrementCounter = (name: string, help: string, labels: TLabels = {}, by = 1) => {
  const counter = counters.get(name) ?? { help, values: new Map() };
  counters.set(name, counter);
  const key = labelKey(labels);
  counter.values.set(key, (counter.values.get(key) ?? 0) + by);
};

export const countPush = (infoType: string, outcome: "accepted" | "replayed" | "rejected") =>
  incrementCounter("wxopen_pushes_total", "Pushes received at the authorization-event URL", { info_type: infoType, outcome });

const TOKEN_EVENTS: Record<string, { token: string; outcome: string }> = {
  "token.refreshed": { token: "authorizer", outcome: "ok" },
  "token.refresh_failed": { token: "authorizer", outcome: "error" },
  "component_token.refreshed": { token: "component", outcome: "ok" },
  "component_token.failed": { token: "component", outcome: "error" },
};

/** A routine refresh by the sweep: counted like a refresh event, though it writes no event row. */
export const countRoutineRefresh = () =>
  incrementCounter(
    "wxopen_token_refreshes_total",
    "Token refreshes this instance made (ok) or attempted (error), by token and WeChat errcode",
    {
      ...TOKEN_EVENTS["token.refreshed"],
      errcode: "",
    },
  );

/** Counts an event-log entry; token refreshes and their failures also by WeChat errcode. */
export const countEvent = (kind: string, outcome: string, errcode: number | null) => {
  const code = errcode === null ? "" : String(errcode);
  incrementCounter("wxopen_events_total", "Event-log entries this instance wrote, by kind, outcome and WeChat errcode", {
    kind,
    outcome,
    errcode: code,
  });
  const token = TOKEN_EVENTS[kind];
  if (token)
    incrementCounter(
      "wxopen_token_refreshes_total",
      "Token refreshes this instance made (ok) or attempted (error), by token and WeChat errcode",
      { ...token, errcode: code },
    );
};

/** Records one observation (e.g. seconds) in a histogram with fixed upper bounds. */
export const observeHistogram = (name: string, help: string, buckets: number[], labels: TLabels, value: number) => {
  const histogram = store.histograms.get(name) ?? { help, buckets, series: new Map() };
  store.histograms.set(name, histogram);
  const key = labelKey(labels);
  const series = histogram.series.get(key) ?? { counts: histogram.buckets.map(() => 0), sum: 0, count: 0 };
  histogram.series.set(key, series);
  histogram.buckets.forEach((bound, index) => {
    if (value <= bound) series.counts[index] += 1;
  });
  series.sum += value;
  series.count += 1;
};

/** The histograms in Prometheus text exposition format (cumulative buckets, +Inf, _sum, _count). */
export const renderHistograms = () =>
  [...store.histograms.entries()]
    .map(([name, { help, buckets, series }]) =>
      [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} histogram`,
        ...[...series.entries()].flatMap(([key, { counts, sum, count }]) => {
          const withLabel = (extra: string) => `{${[key, extra].filter(Boolean).join(",")}}`;
          return [
            ...buckets.map((bound, index) => `${name}_bucket${withLabel(`le="${bound}"`)} ${counts[index]}`),
            `${name}_bucket${withLabel(`le="+Inf"`)} ${count}`,
            `${name}_sum${key ? `{${key}}` : ""} ${sum}`,
            `${name}_count${key ? `{${key}}` : ""} ${count}`,
          ];
        }),
      ].join("\n"),
    )
    .join("\n");

/** The counters in Prometheus text exposition format. */
export const renderCounters = () =>
  [...counters.entries()]
    .map(([name, { help, values }]) =>
      [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} counter`,
        ...[...values.entries()].map(([key, value]) => `${name}${key ? `{${key}}` : ""} ${value}`),
      ].join("\n"),
    )
    .join("\n");

/** One delivery attempt to a forwarding rule's receiver, by rule and outcome (delivered, retry, dead). */
export const countDelivery = (ruleId: string, outcome: "delivered" | "retry" | "dead") =>
  incrementCounter("wxopen_deliveries_total", "Forwarding delivery attempts by rule and outcome", { rule: ruleId, outcome });
