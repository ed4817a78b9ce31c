import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { log } from "./log";

// Prometheus metrics for GET /api/metrics, kept by prom-client. Each instance reports its own counters.

type TLabels = Record<string, string>;
type TMetric = Counter<string> | Gauge<string> | Histogram<string>;

// On globalThis: Next.js may load this module once per route bundle and once for instrumentation, and the API layer
// loads it again; one process, one registry. The default process metrics (CPU, memory, file descriptors, event-loop
// lag, GC, heap) are added with it, so exactly once per process.
//
// The server's delivery thread (server/delivery-thread.ts) sets wxopenCounterSink before it loads this module: its
// counters then go to the main thread's registry, the one /api/metrics reads, and it collects no process metrics.
export type TCounterSample = { name: string; help: string; labels: TLabels; by: number };
export type TCounterSinkGlobal = { wxopenCounterSink?: (sample: TCounterSample) => void };
const globalForMetrics = globalThis as unknown as { wxopenRegistry?: Registry } & TCounterSinkGlobal;
const createRegistry = () => {
  const created = new Registry();
  if (!globalForMetrics.wxopenCounterSink) collectDefaultMetrics({ register: created });
  return created;
};
export const registry: Registry = (globalForMetrics.wxopenRegistry ??= createRegistry());

/** The Content-Type of registry.metrics(): Prometheus text format 0.0.4. */
export const METRICS_CONTENT_TYPE = registry.contentType;

/** Label names sorted (prom-client writes them in the order of the first sample), values free of quote, backslash and newline. */
const labelSet = (labels: TLabels): TLabels =>
  Object.fromEntries(
    Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, value.replace(/["\\\n]/g, "_")]),
  );

/** The metric registered under name, or a new one: registered once per process whatever bundle asks first. */
const metricNamed = <T extends TMetric>(name: string, create: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? create();

/** A metric must never fail the request it measures: a label set that does not match its first use is logged and dropped. */
const safely = (name: string, record: () => void) => {
  try {
    record();
  } catch (error) {
    log.warn("metrics.record_failed", { metric: name, error });
  }
};

export const incrementCounter = (name: string, help: string, labels: TLabels = {}, by = 1) => {
  const sink = globalForMetrics.wxopenCounterSink;
  if (sink) return sink({ name, help, labels, by });
  safely(name, () => {
    const values = labelSet(labels);
    const counter = metricNamed(name, () => new Counter({ name, help, labelNames: Object.keys(values), registers: [registry] }));
    counter.inc(values, by);
  });
};

/** `platform`: the component appid whose URL it came to ("" when the URL named no platform this deployment has). */
export const countPush = (infoType: string, outcome: "accepted" | "replayed" | "rejected", platform: string) =>
  incrementCounter("wxopen_pushes_total", "Pushes received at the authorization-event URL, by platform", {
    info_type: infoType,
    outcome,
    platform,
  });

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

/** Counts an event-log entry (by the component appid of its platform); token refreshes and their failures also by WeChat errcode. */
export const countEvent = (kind: string, outcome: string, errcode: number | null, platform: string) => {
  const code = errcode === null ? "" : String(errcode);
  incrementCounter("wxopen_events_total", "Event-log entries this instance wrote, by kind, outcome, WeChat errcode and platform", {
    kind,
    outcome,
    errcode: code,
    platform,
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
export const observeHistogram = (name: string, help: string, buckets: number[], labels: TLabels, value: number) =>
  safely(name, () => {
    const values = labelSet(labels);
    const histogram = metricNamed(
      name,
      () => new Histogram({ name, help, buckets, labelNames: Object.keys(values), registers: [registry] }),
    );
    histogram.observe(values, value);
  });

/**
 * Replaces every sample of a gauge read at scrape time (from the database): series no longer present disappear, and
 * no samples at all leave the gauge without a value (absent, not 0).
 */
export const setGauge = (name: string, help: string, labelNames: string[], samples: Array<[TLabels, number]>) =>
  safely(name, () => {
    const gauge = metricNamed(name, () => new Gauge({ name, help, labelNames: [...labelNames].sort(), registers: [registry] }));
    gauge.reset();
    // A gauge without labels starts again at 0 on reset; with no sample to give it, it has no value.
    if (labelNames.length === 0) gauge.remove({});
    for (const [labels, value] of samples) gauge.set(labelSet(labels), value);
  });

/** One delivery attempt to a forwarding rule's receiver, by rule and outcome (delivered, retry, dead). */
export const countDelivery = (ruleId: string, outcome: "delivered" | "retry" | "dead") =>
  incrementCounter("wxopen_deliveries_total", "Forwarding delivery attempts by rule and outcome", { rule: ruleId, outcome });
