import { AppError } from "../errors";
import { bearerFromHeader, isSameSecret } from "./bearer";
import { errorResponse } from "./error-response";

// The wrapper of the cron trigger (CRON_SECRET), a machine route Next.js still serves.

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
      const presented = bearerFromHeader(request.headers.get("authorization"));
      if (!presented || !isSameSecret(presented, expected)) throw new AppError("unauthorized", "Send Authorization: Bearer <CRON_SECRET>.");
      return Response.json(await handler(request), { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
