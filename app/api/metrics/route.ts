import { getEnv } from "@/lib/env";
import { withMetricsAuth } from "@/lib/http/with-secret-bearer";
import { renderMetrics } from "@/lib/platform/monitoring/render-metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics - Prometheus text: tokens by state, next expiry, refreshes by errcode, pushes, request latency
export const GET = withMetricsAuth(
  () => getEnv().METRICS_TOKEN,
  () => renderMetrics(),
);
