import { getDb } from "../../db";
import { ticketsOf } from "../component/get-latest-verify-ticket";
import { defaultPlatform } from "../platforms/platform-registry";
import { getEnv } from "../../env";
import { registry, setGauge } from "../../metrics";
import { AUTHORIZER_STATUSES } from "../authorizers/authorizer-status";
import { getTokenSource } from "../upstream/get-token-source";
import { countDeliveries } from "../deliveries/list-deliveries";
import { countAuthorizerTokens } from "./count-authorizer-tokens";

// GET /api/metrics: gauges read from the database (the same for every instance), set at scrape time, plus this
// instance's counters, latency histograms and process metrics, all from the one prom-client registry.

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);

export type RenderMetricsOptions = { now?: Date };

/** Every metric in Prometheus text exposition format (registry.contentType); the authorizer counts as countAuthorizerTokens reads them. */
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
    db.verifyTicket.findFirst({ where: ticketsOf(defaultPlatform()), orderBy: { id: "desc" }, select: { receivedAt: true } }),
    db.sweepRun.findFirst({
      where: { finishedAt: { not: null } },
      orderBy: { id: "desc" },
      select: { finishedAt: true, concurrency: true, requiredPerSecond: true, maxPerSecond: true },
    }),
    countDeliveries(),
  ]);
  const { byStatus, tokens } = counts;
  const source = getTokenSource();
  setGauge(
    "wxopen_authorizers",
    "Authorizers by status",
    ["status"],
    [...new Set([...AUTHORIZER_STATUSES, ...byStatus.keys()])].map((status) => [{ status }, byStatus.get(status) ?? 0]),
  );
  setGauge(
    "wxopen_authorizer_tokens",
    `Access tokens of authorized accounts by state (expiring: within the ${env.REFRESH_WINDOW_MINUTES}-minute refresh window)`,
    ["state"],
    [
      [{ state: "fresh" }, tokens.fresh],
      [{ state: "expiring" }, tokens.expiring],
      [{ state: "expired" }, tokens.expired],
      [{ state: "missing" }, tokens.missing],
    ],
  );
  setGauge(
    "wxopen_token_source_upstream",
    "1 when this instance reads tokens from another wxopen (TOKEN_UPSTREAM_URL)",
    [],
    [[{}, source.mode === "upstream" ? 1 : 0]],
  );
  setGauge(
    "wxopen_deliveries",
    "Forwarding deliveries by rule and status (pending: the queue)",
    ["rule", "status"],
    deliveries.byRule.map((row) => [{ rule: row.ruleId, status: row.status }, row.count]),
  );
  setGauge(
    "wxopen_delivery_oldest_pending_age_seconds",
    "Seconds since the oldest pending delivery was queued (0: none)",
    [],
    [[{}, deliveries.oldestPendingAt ? seconds(deliveries.oldestPendingAt, now) : 0]],
  );
  // The gauges below have no value (rather than 0) while what they measure does not exist yet.
  const single = (value: number | null) => (value === null ? [] : [[{}, value] as [Record<string, string>, number]]);
  setGauge(
    "wxopen_authorizer_token_next_expiry_seconds",
    "Seconds until the soonest authorizer access token expires (negative: already expired)",
    [],
    single(nextExpiry?.accessTokenExpiresAt ? seconds(now, nextExpiry.accessTokenExpiresAt) : null),
  );
  setGauge(
    "wxopen_component_token_expiry_seconds",
    "Seconds until the component_access_token expires",
    [],
    single(componentToken ? seconds(now, componentToken.expiresAt) : null),
  );
  setGauge(
    "wxopen_verify_ticket_age_seconds",
    "Seconds since the newest component_verify_ticket arrived",
    [],
    single(ticket ? seconds(ticket.receivedAt, now) : null),
  );
  setGauge(
    "wxopen_sweep_last_finished_age_seconds",
    "Seconds since a refresh sweep last finished (any instance)",
    [],
    single(lastSweep?.finishedAt ? seconds(lastSweep.finishedAt, now) : null),
  );
  const plan =
    lastSweep?.requiredPerSecond != null && lastSweep.maxPerSecond != null
      ? { concurrency: lastSweep.concurrency ?? 0, required: lastSweep.requiredPerSecond, max: lastSweep.maxPerSecond }
      : null;
  setGauge(
    "wxopen_sweep_concurrency",
    "WeChat calls in flight the last sweep chose (the adaptive plan)",
    [],
    single(plan?.concurrency ?? null),
  );
  setGauge(
    "wxopen_sweep_required_per_second",
    "Refreshes per second needed to keep every token fresh (last sweep's plan)",
    [],
    single(plan?.required ?? null),
  );
  setGauge(
    "wxopen_sweep_max_per_second",
    "The most refreshes per second REFRESH_CONCURRENCY_MAX and WECHAT_MAX_CALLS_PER_SECOND allow",
    [],
    single(plan?.max ?? null),
  );
  setGauge(
    "wxopen_sweep_shortfall_per_second",
    "Refreshes per second the sweep cannot make (above 0: tokens will expire)",
    [],
    single(plan ? Math.max(0, plan.required - plan.max) : null),
  );
  return registry.metrics();
};
