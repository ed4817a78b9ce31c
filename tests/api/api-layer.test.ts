import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { appEnv } from "../helpers/app";
import { createTestDatabase, type TTestDatabase } from "../helpers/database";

// The JSON API layer alone (server/api-app.ts), called with Fastify's inject() on a real, migrated database: every
// route's validation errors, the route table against the OpenAPI document, and the answers Fastify itself makes
// (404, 405, 413, bad JSON). WeChat is never called: nothing here gets past validation to a use-case that would.

const APPID = "wx0123456789abcdef";
const RULE = "0b7c6f3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e";

let database: TTestDatabase;
let app: FastifyInstance;
const keys: Record<"reader" | "operator" | "admin", string> = { reader: "", operator: "", admin: "" };

before(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, appEnv({ databaseUrl: database.url, simulatorUrl: "http://127.0.0.1:9", port: 1 }), { NODE_ENV: "test" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  for (const role of ["reader", "operator", "admin"] as const) keys[role] = (await createApiKey({ name: role, role })).key;
  const { buildApi } = await import("../../server/api-app");
  app = await buildApi();
  await app.ready();
});

after(async () => {
  await app?.close();
  await (await import("../../lib/db")).getDb().$disconnect();
  await database?.drop();
});

type TCall = {
  method?: "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
  url: string;
  key?: keyof typeof keys | null;
  body?: string;
  contentType?: string;
};

const call = async ({ method = "GET", url, key = "admin", body, contentType = "application/json" }: TCall) => {
  const response = await app.inject({
    method,
    url,
    headers: { ...(key ? { authorization: `Bearer ${keys[key]}` } : {}), ...(body === undefined ? {} : { "content-type": contentType }) },
    payload: body,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: () => response.json() as { error: { code: string; message: string } },
  };
};

/** Each route's bad input, and a piece of the message that must name what is wrong. */
const INVALID: Array<[TCall, number, RegExp]> = [
  [{ url: "/api/v1/authorizers?limit=0" }, 400, /Invalid query: limit: limit must be at least 1/],
  [{ url: "/api/v1/authorizers?limit=201" }, 400, /limit must be at most 200/],
  [{ url: "/api/v1/authorizers?limit=1.5" }, 400, /limit must be a whole number/],
  [{ url: "/api/v1/authorizers?status=gone" }, 400, /Invalid query: status/],
  [{ url: "/api/v1/authorizers?kind=robot" }, 400, /Invalid query: kind/],
  [{ url: "/api/v1/authorizers?sort=random" }, 400, /Invalid query: sort/],
  [{ url: "/api/v1/authorizers?scopeId=-1" }, 400, /Invalid query: scopeId/],
  [{ url: `/api/v1/authorizers?q=${"a".repeat(101)}` }, 400, /q must be at most 100 characters/],
  [{ url: "/api/v1/authorizers?q=a%00b" }, 400, /query\.q: text must not contain NUL/],
  [{ url: "/api/v1/authorizers?locale=fr" }, 400, /Invalid query: locale/],
  [{ url: "/api/v1/authorizers/wx123" }, 400, /"wx123" is not an appid/],
  [{ url: `/api/v1/authorizers/${APPID}?locale=de` }, 400, /Invalid query: locale/],
  [{ url: "/api/v1/authorizers/%E4%B8%AD/access-token" }, 400, /is not an appid/],
  [{ url: "/api/v1/authorizers/%FF/access-token" }, 400, /%-escape in it is not UTF-8/],
  [{ method: "POST", url: `/api/v1/authorizers/${APPID}/access-token/invalidate`, body: "{}" }, 400, /accessToken is required/],
  [
    { method: "POST", url: `/api/v1/authorizers/${APPID}/access-token/invalidate`, body: '{"accessToken":""}' },
    400,
    /accessToken must not be empty/,
  ],
  [{ method: "POST", url: `/api/v1/authorizers/${APPID}/access-token/invalidate`, body: "{nope" }, 400, /not valid JSON/],
  [
    { method: "POST", url: `/api/v1/authorizers/${APPID}/access-token/invalidate`, body: '{"accessToken":"a\\u0000"}' },
    400,
    /body\.accessToken: text must not contain NUL/,
  ],
  [{ method: "POST", url: "/api/v1/authorizers/wx!/refresh" }, 400, /is not an appid/],
  [{ method: "POST", url: "/api/v1/authorization-links", body: "{}" }, 400, /authType is required/],
  [{ method: "POST", url: "/api/v1/authorization-links", body: '{"authType":7}' }, 400, /Invalid body: authType/],
  [{ method: "POST", url: "/api/v1/authorization-links", body: '{"authType":1,"categoryIds":[0]}' }, 400, /Invalid body: categoryIds\.0/],
  [{ method: "POST", url: "/api/v1/forwarding-rules", body: "[1]" }, 400, /Invalid body/],
  [{ url: "/api/v1/forwarding-rules/not-a-uuid" }, 400, /is not a forwarding rule id/],
  [{ method: "PATCH", url: `/api/v1/forwarding-rules/${RULE}`, body: '"x"' }, 400, /Invalid body/],
  [{ method: "DELETE", url: "/api/v1/forwarding-rules/x" }, 400, /is not a forwarding rule id/],
  [{ url: `/api/v1/forwarding-rules/${RULE}/deliveries?status=lost` }, 400, /Invalid query: status/],
  [{ url: `/api/v1/forwarding-rules/${RULE}/deliveries?limit=500` }, 400, /Invalid query: limit/],
  [{ url: `/api/v1/forwarding-rules/${RULE}/deliveries?before=x` }, 400, /Invalid query: before/],
  [{ method: "POST", url: `/api/v1/forwarding-rules/${RULE}/redeliver`, body: '{"deliveryId":"one"}' }, 400, /Invalid body: deliveryId/],
  [{ method: "POST", url: "/api/v1/forwarding-rules/1/rotate-secret" }, 400, /is not a forwarding rule id/],
  [{ method: "POST", url: "/api/v1/forwarding-rules/1/test" }, 400, /is not a forwarding rule id/],
  [{ url: `/api/v1/authorizers/${APPID}/wechat/cgi-bin/..%2f..%2fetc` }, 400, /Not a WeChat API path/],
  [{ url: `/api/v1/authorizers/${APPID}/wechat/` }, 400, /the path is empty/],
  [{ url: "/api/v1/component/wechat/evil.example/x" }, 400, /Not a WeChat API path/],
  [{ method: "POST", url: "/api/v1/component/wechat/cgi-bin/component/api_query_auth", body: "{}" }, 403, /only wxopen makes/],
];

describe("[API-LAYER] validation on every route (inject)", () => {
  for (const [request, status, message] of INVALID)
    it(`${request.method ?? "GET"} ${request.url.slice(0, 70)} → ${status}`, async () => {
      const answer = await call(request);
      assert.equal(answer.status, status);
      assert.match(answer.json().error.message, message);
      assert.equal(answer.headers["cache-control"], "no-store");
    });

  it("checks the key before the input: no key 401, a lower role 403, whatever the input", async () => {
    assert.equal((await call({ url: "/api/v1/authorizers?limit=0", key: null })).status, 401);
    assert.equal((await call({ method: "POST", url: "/api/v1/authorizers/wx!/refresh", key: "operator" })).status, 403);
    const forbidden = await call({ url: "/api/v1/component/access-token", key: "operator" });
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.json().error.message, /needs an admin key; "operator" is a operator key/);
  });

  it("answers Fastify's own refusals in the API's shape: 404, 405 with Allow, 413", async () => {
    const missing = await call({ url: "/api/v1/nothing-here" });
    assert.equal(missing.status, 404);
    assert.match(missing.json().error.message, /openapi\.json/);
    const wrongMethod = await call({ method: "DELETE", url: "/api/v1/authorizers" });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, "GET");
    const huge = await call({
      method: "POST",
      url: "/api/v1/authorization-links",
      body: JSON.stringify({ authType: 1, bizAppid: "x".repeat(70_000) }),
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.json().error.code, "payload_too_large");
  });

  it("keeps the security headers next.config.mjs gives /api/*", async () => {
    const { headers } = await call({ url: "/api/v1/ping", key: null });
    assert.equal(headers["x-frame-options"], "DENY");
    assert.equal(headers["content-security-policy"], "frame-ancestors 'none'; base-uri 'self'; object-src 'none'");
    assert.equal(headers["x-content-type-options"], "nosniff");
  });
});

type TOperation = { "x-wxopen-role"?: string; security?: unknown[]; responses?: Record<string, unknown> };
type TDocument = { openapi: string; paths: Record<string, Record<string, TOperation>> };

/** An OpenAPI path with sample values for its parameters. */
const concrete = (openapiPath: string) =>
  openapiPath.replace("{appid}", APPID).replace("{id}", RULE).replace("{path}", "cgi-bin/get_api_domain_ip");

describe("[API-LAYER] the OpenAPI document", () => {
  const documentOf = async () => (await call({ url: "/api/v1/openapi.json", key: null })).json() as unknown as TDocument;

  it("is OpenAPI 3.1 with every keyed operation's role, security and errors", async () => {
    const document = await documentOf();
    assert.equal(document.openapi, "3.1.0");
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    assert.ok(operations.length >= 20, `${operations.length} operations`);
    for (const [pathName, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        if (!pathName.startsWith("/api/v1/") || pathName === "/api/v1/ping") continue;
        assert.ok(operation["x-wxopen-role"], `${method} ${pathName} names its role`);
        assert.deepEqual(operation.security, [{ apiKey: [] }]);
        assert.ok(operation.responses?.["401"] && operation.responses?.["403"], `${method} ${pathName} documents 401 and 403`);
      }
  });

  it("every path in it answers (no 404 of the router), and every route is in it", async () => {
    const document = await documentOf();
    const notRouted: string[] = [];
    for (const [pathName, methods] of Object.entries(document.paths))
      for (const method of Object.keys(methods)) {
        if (method === "head") continue;
        const answer = await app.inject({
          method: method.toUpperCase() as "GET",
          url: concrete(pathName),
          headers: { authorization: "Bearer wxo_unknown" },
        });
        if (answer.statusCode === 404 && /There is no/.test(answer.body)) notRouted.push(`${method} ${pathName}`);
      }
    assert.deepEqual(notRouted, []);
    const documented = new Set(
      Object.entries(document.paths).flatMap(([pathName, methods]) => Object.keys(methods).map((method) => `${method} ${pathName}`)),
    );
    const source = readdirSync("server/api", { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
      .join("\n");
    const declared = [...source.matchAll(/\/\/ (GET|POST|PATCH|DELETE|ANY) (\/api\/[^\s<]*(?:<WeChat path>)?)/g)].flatMap(
      ([, method, url]) => {
        const openapiPath = url.replace(/:(\w+)/g, "{$1}").replace(/<WeChat path>$/, "{path}");
        return method === "ANY"
          ? ["get", "post", "put", "patch", "delete"].map((verb) => `${verb} ${openapiPath}`)
          : [`${method.toLowerCase()} ${openapiPath}`];
      },
    );
    assert.ok(declared.length >= 20, `${declared.length} routes found in server/api`);
    assert.deepEqual(
      declared.filter((route) => !documented.has(route)),
      [],
    );
  });
});
