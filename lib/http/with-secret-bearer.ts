import { createHash, timingSafeEqual } from "node:crypto";
import { verifyApiKey } from "../auth/api-keys";
import { AppError } from "../errors";
import { METRICS_CONTENT_TYPE } from "../metrics";
import { errorResponse } from "./error-response";
import { bearerToken } from "./with-api-key";

// Wrappers for the two machine routes outside /api/v1: the cron trigger (CRON_SECRET) and metrics
// (METRICS_TOKEN or any API key).

const isSameSecret = (presented: string, expected: string) =>
  timingSafeEqual(createHash("sha256").update(presented).digest(), createHash("sha256").update(expected).digest());

/** POST /api/cron/*: Authorization: Bearer $CRON_SECRET; 503 when no secret is configured (nobody can call it). */
export const withCronSecret =
  (secret: () => string | undefined, handler: (request: Request) => Promise<unknown>) =>
  async (request: Request): Promise<Response> => {
    try {
      const expected = secret();
      if (!expected)
        throw new AppError(
          "unavailable",
          "CRON_SECRET is not set on this instance, so the cron route is off. Set it and send Authorization: Bearer <CRON_SECRET>.",
        );
      const presented = bearerToken(request);
      if (!presented || !isSameSecret(presented, expected)) throw new AppError("unauthorized", "Send Authorization: Bearer <CRON_SECRET>.");
      return Response.json(await handler(request), { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };

/** GET /api/metrics: Authorization: Bearer <METRICS_TOKEN> or any live API key. */
export const withMetricsAuth =
  (metricsToken: () => string | undefined, handler: (request: Request) => Promise<string>) =>
  async (request: Request): Promise<Response> => {
    try {
      const presented = bearerToken(request);
      const expected = metricsToken();
      const isAllowed = Boolean(presented && ((expected && isSameSecret(presented, expected)) || (await verifyApiKey(presented))));
      if (!isAllowed) throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN> or an API key.");
      return new Response(await handler(request), {
        headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" },
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
