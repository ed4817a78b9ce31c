import type { FastifyInstance } from "fastify";
import { observeHistogram } from "@/lib/metrics";

// What every answer of the JSON API carries: the security headers next.config.mjs gives /api/* (kept identical so the
// move out of Next.js changes no header), no-store (answers carry tokens: no shared cache may keep them), and the
// latency of each keyed route in wxopen_api_request_duration_seconds, labelled by its route pattern.

export const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  "cache-control": "no-store",
};

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const addResponseHeaders = (app: FastifyInstance) => {
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!request.routeOptions.config.role) return;
    observeHistogram(
      "wxopen_api_request_duration_seconds",
      "Time to answer /api/v1 requests, by route, method and status",
      LATENCY_BUCKETS,
      { route: request.routeOptions.url ?? "", method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
};
