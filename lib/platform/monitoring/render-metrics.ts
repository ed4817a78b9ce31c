import { getDb } from "../../db";
import { getEnv } from "../../env";
import { renderCounters, renderHistograms } from "../../metrics";
import { AUTHORIZER_STATUSES } from "../authorizers/authorizer-status";
import { getTokenSource } from "../upstream/get-token-source";
import { countDeliveries } from "../deliveries/list-deliveries";
import { countAuthorizerTokens } from "./count-authorizer-tokens";

// GET /api/metrics: gauges read from the database (the same for every instance) plus this instance's counters
// and request-latency histogram.

const gauge = (name: string, help: string, samples: Array<[Record<string, string>, number]>) =>
  [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map(([labels, value]) => {
      const text = Object.entries(labels)
        .map(([key, label]) => `${key}="${label.replace(/["\\\n]/g, "_")}"`)
        .join(",");
      return `${name}${text ? `{${text}}` : ""} ${value}`;
    }),
  ].join("\n");

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

export type RenderMetricsOptions = { now?: Date };

/** Every metric in Prometheus text exposition format (version 0.0.4); the authorizer counts as countAuthorizerTokens reads them. */
export const renderMetrics = async ({ now: at }: RenderMetricsOptions = {}): Promise<string> => {
  const env = getEnv();
  const db = getDb();
  const now = at ?? new Date();
  const authorized = { status: "authorized" };
  const [counts, nextExpiry, componentToken, ticket, lastSweep, deliveries] = await Promise.all([
    countAuthorizerTokens(at),
    db.authorizer.findFirst({
      where: { ...authorized, accessTokenExpiresAt: { not: null } },
      orderBy: { accessTokenExpiresAt: "asc" },
      select: { accessTokenExpiresAt: true },
    }),
    db.componentToken.findUnique({ where: { componentAppid: env.WECHAT_COMPONENT_APPID }, select: { expiresAt: true } }),
    db.verifyTicket.findFirst({ orderBy: { id: "desc" }, select: { receivedAt: true } }),
    db.sweepRun.findFirst({
      where: { finishedAt: { not: null } },
      orderBy: { id: "desc" },
      select: { finishedAt: true, concurrency: true, requiredPerSecond: true, maxPerSecond: true },
    }),
    countDeliveries(),
  ]);
  const { byStatus, tokens } = counts;
  const source = getTokenSource();
  const sections = [
    gauge(
      "wxopen_authorizers",
      "Authorizers by status",
      [...new Set([...AUTHORIZER_STATUSES, ...byStatus.keys()])].map((status) => [{ status }, byStatus.get(status) ?? 0]),
    ),
    gauge(
      "wxopen_authorizer_tokens",
      `Access tokens of authorized accounts by state (expiring: within the ${env.REFRESH_WINDOW_MINUTES}-minute refresh window)`,
      [
        [{ state: "fresh" }, tokens.fresh],
        [{ state: "expiring" }, tokens.expiring],
        [{ state: "expired" }, tokens.expired],
        [{ state: "missing" }, tokens.missing],
      ],
    ),
    gauge("wxopen_token_source_upstream", "1 when this instance reads tokens from another wxopen (TOKEN_UPSTREAM_URL)", [
      [{}, source.mode === "upstream" ? 1 : 0],
    ]),
  ];
  sections.push(
    gauge(
      "wxopen_deliveries",
      "Forwarding deliveries by rule and status (pending: the queue)",
      deliveries.byRule.map((row) => [{ rule: row.ruleId, status: row.status }, row.count]),
    ),
    gauge("wxopen_delivery_oldest_pending_age_seconds", "Seconds since the oldest pending delivery was queued (0: none)", [
      [{}, deliveries.oldestPendingAt ? seconds(deliveries.oldestPendingAt, now) : 0],
    ]),
  );
  if (nextExpiry?.accessTokenExpiresAt) {
    sections.push(
      gauge(
        "wxopen_authorizer_token_next_expiry_seconds",
        "Seconds until the soonest authorizer access token expires (negative: already expired)",
        [[{}, seconds(now, nextExpiry.accessTokenExpiresAt)]],
      ),
    );
  }
  if (componentToken)
    sections.push(
      gauge("wxopen_component_token_expiry_seconds", "Seconds until the component_access_token expires", [
        [{}, seconds(now, componentToken.expiresAt)],
      ]),
    );
  if (ticket)
    sections.push(
      gauge("wxopen_verify_ticket_age_seconds", "Seconds since the newest component_verify_ticket arrived", [
        [{}, seconds(ticket.receivedAt, now)],
      ]),
    );
  if (lastSweep?.finishedAt)
    sections.push(
      gauge("wxopen_sweep_last_finished_age_seconds", "Seconds since a refresh sweep last finished (any instance)", [
        [{}, seconds(lastSweep.finishedAt, now)],
      ]),
    );
  if (lastSweep?.requiredPerSecond != null && lastSweep.maxPerSecond != null)
    sections.push(
      gauge("wxopen_sweep_concurrency", "WeChat calls in flight the last sweep chose (the adaptive plan)", [
        [{}, lastSweep.concurrency ?? 0],
      ]),
      gauge("wxopen_sweep_required_per_second", "Refreshes per second needed to keep every token fresh (last sweep's plan)", [
        [{}, lastSweep.requiredPerSecond],
      ]),
      gauge("wxopen_sweep_max_per_second", "The most refreshes per second REFRESH_CONCURRENCY_MAX and WECHAT_MAX_CALLS_PER_SECOND allow", [
        [{}, lastSweep.maxPerSecond],
      ]),
      gauge("wxopen_sweep_shortfall_per_second", "Refreshes per second the sweep cannot make (above 0: tokens will expire)", [
        [{}, Math.max(0, lastSweep.requiredPerSecond - lastSweep.maxPerSecond)],
      ]),
    );
  return `${[...sections, renderCounters(), renderHistograms()].filter(Boolean).join("\n")}\n`;
};
