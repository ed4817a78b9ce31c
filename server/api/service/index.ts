import { z } from "zod";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearerFromHeader, isSameSecret } from "@/lib/http/bearer";
import { getPlatformHealth } from "@/lib/platform/monitoring/get-platform-health";
import { METRICS_CONTENT_TYPE } from "@/lib/metrics";
import { renderMetrics } from "@/lib/platform/monitoring/render-metrics";
import { errors } from "../../schemas/common";
import type { TApiRoutes } from "../../plugins/request-checks";

// The routes for machines that are not API clients: a ping, the health check, Prometheus, and the API's own document.

const PONG = { ok: true, service: "wxopen" };
const tags = ["service"];

/** Metrics take METRICS_TOKEN or any live API key. */
const isMetricsReader = async (authorization: string | undefined) => {
  const presented = bearerFromHeader(authorization);
  const expected = getEnv().METRICS_TOKEN;
  return Boolean(presented && ((expected && isSameSecret(presented, expected)) || (await verifyApiKey(presented))));
};

export const serviceRoutes: TApiRoutes = async (app) => {
  // GET /api/v1/ping - a constant answer without a key: callers check that the API is reachable
  app.get(
    "/api/v1/ping",
    {
      schema: {
        tags,
        summary: "Is the API reachable?",
        response: { 200: z.object({ ok: z.literal(true), service: z.literal("wxopen") }) },
      },
    },
    async () => PONG,
  );

  // GET /api/health - database reachable, latest ticket age, component token expiry (503 when the database is not)
  app.get(
    "/api/health",
    {
      schema: {
        tags,
        summary: "Health of this instance",
        description: "200 when the database answers, 503 when it does not; the ticket's age and the component token's expiry.",
        response: { 200: z.looseObject({ database: z.literal("ok") }), 503: z.looseObject({ database: z.string() }) },
      },
    },
    async (_request, reply) => {
      const health = await getPlatformHealth();
      return reply.code(health.database === "ok" ? 200 : 503).send(health);
    },
  );

  // GET /api/metrics - Prometheus text: tokens by state, next expiry, refreshes by errcode, pushes, request latency, process
  app.get(
    "/api/metrics",
    {
      schema: {
        tags,
        summary: "Prometheus metrics of this instance",
        description: "Authorization: Bearer <METRICS_TOKEN> or any API key.",
        response: { 200: z.string().meta({ description: "Prometheus text exposition format" }), ...errors(401) },
      },
    },
    async (request, reply) => {
      if (!(await isMetricsReader(request.headers.authorization)))
        throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN> or an API key.");
      return reply
        .type(METRICS_CONTENT_TYPE)
        .serializer((text) => text as string)
        .send(await renderMetrics());
    },
  );
};
