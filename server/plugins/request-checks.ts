import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, FastifyTypeProvider } from "fastify";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { refuseNul } from "@/lib/http/nul-text";
import { checkRouteParams } from "@/lib/http/route-params";
import { describeZodError } from "@/lib/zod-message";

// What every route's input goes through, in order: path parameters against their patterns (route-params.ts), NUL and
// lone surrogates refused in the query and the body, the body read as JSON, then the route's zod schemas, whose
// failure is one sentence naming the field ("Invalid query: limit: limit must be at most 200").

export const MAX_BODY_BYTES = 64 * 1024;

const PART_NAMES: Record<string, string> = { querystring: "query", body: "body", params: "path", headers: "headers" };

/** The query as the API has always read it: a repeated key keeps its last value. */
export const parseQuery = (search: string) => Object.fromEntries(new URLSearchParams(search));

const parseJson = (text: string): unknown => {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON; send Content-Type: application/json with a JSON object.");
  }
};

const hasSchema = (request: FastifyRequest, part: "querystring" | "body") => Boolean(request.routeOptions.schema?.[part]);

export const addRequestChecks = (app: FastifyInstance) => {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    // Path parameters were checked against their patterns (route-params.ts) before validation; their schema documents them.
    if (httpPart === "params") return (data) => ({ value: data });
    const where = PART_NAMES[httpPart ?? ""] ?? httpPart;
    return (data) => {
      const parsed = (schema as z.ZodType).safeParse(data);
      if (parsed.success) return { value: parsed.data };
      return { error: new AppError("bad_request", `Invalid ${where}: ${describeZodError(parsed.error)}`) };
    };
  });
  // Answers are plain JSON: the response schemas document them; they are not used to rewrite what a use-case returned.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // Bodies are read as text whatever their Content-Type (as the API always has), and parsed where a route takes one.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.addHook("preValidation", async (request) => {
    checkRouteParams(request.params as Record<string, string>);
    if (hasSchema(request, "querystring")) refuseNul(request.query, "query");
    if (hasSchema(request, "body")) {
      request.body = parseJson(typeof request.body === "string" ? request.body : "");
      refuseNul(request.body, "body");
    }
  });
};

/** Handlers see their zod-parsed input typed; what they answer is not checked against the documented response. */
export interface ZodRequestTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends z.ZodType ? z.output<this["schema"]> : unknown;
  serializer: unknown;
}

/** A plugin of API routes (server/api/<resource>). */
export type TApiRoutes = FastifyPluginAsync<Record<never, never>, import("node:http").Server, ZodRequestTypeProvider>;
