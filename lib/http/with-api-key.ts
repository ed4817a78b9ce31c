import { NextResponse } from "next/server";
import type { z } from "zod";
import { hasRole, verifyApiKey, type TApiKeyRole, type TVerifiedApiKey } from "../auth/api-keys";
import { AppError } from "../errors";
import { observeHistogram } from "../metrics";
import { errorResponse } from "./error-response";
import { refuseNul } from "./nul-text";
import { readBodyText } from "./read-body";
import { checkRouteParams } from "./route-params";

// The /api/v1 wrapper (dub's withWorkspace): API key and role, path parameters checked against their patterns,
// NUL refused in the query and the body, zod-parsed query and body, errors as JSON, latency recorded. Handlers
// receive checked input and answer a value (sent as JSON) or a Response.

const MAX_BODY_BYTES = 64 * 1024;
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type TApiContext<TBody, TQuery> = {
  request: Request;
  params: Record<string, string>;
  apiKey: TVerifiedApiKey;
  body: TBody;
  query: TQuery;
};

export type WithApiKeyOptions<TBody, TQuery> = {
  role: TApiKeyRole;
  /** The route pattern for metrics, e.g. "/api/v1/authorizers/:appid". */
  route: string;
  body?: z.ZodType<TBody>;
  query?: z.ZodType<TQuery>;
};

type TRouteContext = { params?: Promise<Record<string, string | string[]>> };

/** A zod failure as one sentence a caller can act on: "limit: Too big: expected number to be <=200". */
export const describeZodError = (error: z.ZodError) =>
  error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");

const parseWith = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", `Invalid ${where}: ${describeZodError(parsed.error)}`);
  return parsed.data;
};

const readJsonBody = async (request: Request): Promise<unknown> => {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON; send Content-Type: application/json with a JSON object.");
  }
};

/** The bearer credential of a request, or null. */
export const bearerToken = (request: Request) => {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
};

const authenticate = async (request: Request, role: TApiKeyRole): Promise<TVerifiedApiKey> => {
  const presented = bearerToken(request);
  if (!presented) throw new AppError("unauthorized", "Send an API key in the Authorization header: Authorization: Bearer wxo_…");
  const apiKey = await verifyApiKey(presented);
  if (!apiKey)
    throw new AppError(
      "unauthorized",
      "This API key is not valid: it is unknown or has been revoked. Create a new one on the settings page.",
    );
  if (!hasRole(apiKey.role, role))
    throw new AppError("forbidden", `This route needs an ${role} key; "${apiKey.name}" is a ${apiKey.role} key.`);
  return apiKey;
};

export const withApiKey =
  <TBody = undefined, TQuery = undefined>(
    options: WithApiKeyOptions<TBody, TQuery>,
    handler: (context: TApiContext<TBody, TQuery>) => Promise<unknown>,
  ) =>
  async (request: Request, routeContext: TRouteContext = {}): Promise<Response> => {
    const startedAt = performance.now();
    let response: Response;
    try {
      const apiKey = await authenticate(request, options.role);
      const rawParams = (await routeContext.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]),
      );
      checkRouteParams(params);
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      // Only what the route reads: the proxies pass WeChat's query and body through untouched.
      if (options.query) refuseNul(rawQuery, "query");
      const query = options.query ? parseWith(options.query, rawQuery, "query") : (undefined as TQuery);
      const rawBody = options.body ? await readJsonBody(request) : undefined;
      if (options.body) refuseNul(rawBody, "body");
      const body = options.body ? parseWith(options.body, rawBody, "body") : (undefined as TBody);
      const result = await handler({ request, params, apiKey, body, query });
      response = result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      response = errorResponse(error);
    }
    // Answers may carry tokens: no shared cache may keep them.
    response.headers.set("cache-control", "no-store");
    observeHistogram(
      "wxopen_api_request_duration_seconds",
      "Time to answer /api/v1 requests, by route, method and status",
      LATENCY_BUCKETS,
      { route: options.route, method: request.method, status: String(response.status) },
      (performance.now() - startedAt) / 1000,
    );
    return response;
  };
