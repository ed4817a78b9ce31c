// In-process counters for GET /api/metrics (Prometheus text). Each instance reports its own.

type TLabels = Record<string, string>;
const counters = new Map<string, { help: string; values: Map<string, number> }>();

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

export const countPush = (infoType: string, outcome: "accepted" | "rejected") =>
  incrementCounter("wxopen_pushes_total", "Pushes received at the authorization-event URL", { info_type: infoType, outcome });

/** The counters in Prometheus text exposition format. */
export const renderCounters = () =>
  [...counters.entries()]
    .map(([name, { help, values }]) =>
      [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...[...values.entries()].map(([key, value]) => `${name}${key ? `{${key}}` : ""} ${value}`)].join("\n"),
    )
    .join("\n");
