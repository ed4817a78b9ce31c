import type { FastifyInstance } from "fastify";
import { AppError } from "@/lib/errors";

// A known path with another method answers 405 and Allow (as Next.js's route handlers did), not 404: the caller
// has the right URL and the wrong verb. The 405 routes are hidden from the OpenAPI document.

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every route's URL and its methods, as they are added. */
const collect = (app: FastifyInstance) => {
  const methods = new Map<string, Set<string>>();
  app.addHook("onRoute", (route) => {
    const set = methods.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) if (method !== "HEAD") set.add(method);
    methods.set(route.url, set);
  });
  return methods;
};

/** Adds the 405 of every other method to every URL collected. */
const answer = (app: FastifyInstance, routeMethods: Map<string, Set<string>>) => {
  for (const [url, methods] of [...routeMethods]) {
    const others = ALL_METHODS.filter((method) => !methods.has(method));
    if (others.length === 0) continue;
    const allow = [...methods].join(", ");
    app.route({
      method: others,
      url,
      schema: { hide: true },
      handler: async (request, reply) => {
        reply.header("allow", allow);
        throw new AppError("method_not_allowed", `${request.method} is not allowed here; use ${allow}.`);
      },
    });
  }
};

export const addMethodNotAllowed = { collect, answer };
