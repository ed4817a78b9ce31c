import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startStack, type TStack } from "../helpers/stack";

// A small fuzz of the /api/v1 JSON API and the dashboard's route handler: odd path parameters, queries and JSON
// bodies must answer 4xx, never 500, on SQLite and on Postgres alike (Postgres refuses NUL in text, SQLite takes it:
// `npm run test:postgres` runs this file too). Path parameters are checked against their pattern before any query;
// NUL in a query or a JSON body is refused in one place with a message that says so.

type TCall = { method: string; path: string; body?: string };

describe("[API][FUZZ] odd input answers 4xx, never 500, and changes nothing", () => {
  let stack: TStack;
  let adminKey: string;
  let appid: string;
  let ruleId: string;

  const call = async ({ method, path, body }: TCall) => {
    const response = await fetch(`${stack.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body,
    });
    const text = await response.text();
    return { status: response.status, text };
  };

  /** Every call answers below 500; the ones named `nul` answer 400 saying NUL is not accepted. */
  const assertNo500 = async (calls: TCall[], expect: (call: TCall, answer: { status: number; text: string }) => void = () => {}) => {
    const failures: string[] = [];
    for (const request of calls) {
      const answer = await call(request);
      const label = `${request.method} ${request.path} ${request.body ?? ""} → ${answer.status} ${answer.text.slice(0, 200)}`;
      if (answer.status >= 500) failures.push(`5xx: ${label}`);
      else
        try {
          expect(request, answer);
        } catch {
          failures.push(`unexpected: ${label}`);
        }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${calls.length} failed`);
  };

  const snapshot = async () => {
    const db = stack.database.db;
    return {
      rules: await db.forwardingRule.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, url: true, types: true } }),
      links: await db.authorizationLink.count(),
      deliveries: await db.delivery.count(),
      authorizers: await db.authorizer.findMany({
        orderBy: { appid: "asc" },
        select: { appid: true, status: true, accessTokenHash: true },
      }),
    };
  };

  before(async () => {
    stack = await startStack();
    stack.shareEnvironment({ LOG_LEVEL: "error" });
    const { createApiKey } = await import("../../lib/auth/api-keys");
    adminKey = (await createApiKey({ name: "fuzz", role: "admin" })).key;
    await stack.ready();
    [appid] = stack.simulator.addAccounts(1, { authorize: true, kind: "official_account" }).map((account) => account.appid);
    const created = await call({
      method: "POST",
      path: "/api/v1/forwarding-rules",
      body: JSON.stringify({ name: "fuzz", url: "http://127.0.0.1:9/hook", types: ["message.*"] }),
    });
    assert.equal(created.status, 201, created.text);
    ruleId = JSON.parse(created.text).id;
  });
  after(async () => stack?.stop());

  const BAD_PARAMS = [
    "%00",
    "a%00b",
    "wx%0000000000000000",
    `wx${"0".repeat(15)}%00`,
    "%E4%B8%AD%E6%96%87",
    "%F0%9F%98%80",
    "'%20OR%201%3D1",
    "%25",
    "x".repeat(300),
    "WX0000000000000000x",
  ];

  const withParams = (appidValue: string, idValue: string): TCall[] => [
    { method: "GET", path: `/api/v1/authorizers/${appidValue}` },
    { method: "GET", path: `/api/v1/authorizers/${appidValue}/access-token` },
    { method: "POST", path: `/api/v1/authorizers/${appidValue}/refresh` },
    { method: "POST", path: `/api/v1/authorizers/${appidValue}/access-token/invalidate`, body: JSON.stringify({ accessToken: "x" }) },
    { method: "GET", path: `/api/v1/authorizers/${appidValue}/wechat/cgi-bin/get_current_selfmenu_info` },
    { method: "GET", path: `/api/v1/forwarding-rules/${idValue}` },
    { method: "PATCH", path: `/api/v1/forwarding-rules/${idValue}`, body: JSON.stringify({ enabled: false }) },
    { method: "DELETE", path: `/api/v1/forwarding-rules/${idValue}` },
    { method: "GET", path: `/api/v1/forwarding-rules/${idValue}/deliveries` },
    { method: "POST", path: `/api/v1/forwarding-rules/${idValue}/redeliver`, body: "{}" },
    { method: "POST", path: `/api/v1/forwarding-rules/${idValue}/rotate-secret` },
    { method: "POST", path: `/api/v1/forwarding-rules/${idValue}/test` },
  ];

  it("refuses a path parameter that does not match its pattern with a 400 naming it, before any query", async () => {
    const before = await snapshot();
    await assertNo500(
      BAD_PARAMS.flatMap((value) => withParams(value, value)),
      (request, answer) => {
        assert.equal(answer.status, 400, `${request.method} ${request.path}: ${answer.text}`);
        assert.match(answer.text, /is not (an appid|a forwarding rule id)/, `${request.method} ${request.path}`);
      },
    );
    // Well-formed but unknown: 404 as before.
    await assertNo500(withParams("wx0000000000000000", "00000000-0000-4000-8000-000000000000").slice(0, 4), (request, answer) =>
      assert.equal(answer.status, 404, `${request.method} ${request.path}: ${answer.text}`),
    );
    assert.deepEqual(await snapshot(), before, "nothing changed");
  });

  it("refuses NUL in a query (400 saying so), on every route that reads one", async () => {
    const queries = [
      "/api/v1/authorizers?q=a%00b",
      "/api/v1/authorizers?q=%00",
      "/api/v1/authorizers?cursor=%00",
      "/api/v1/authorizers?status=%00",
      "/api/v1/authorizers?limit=1%00",
      "/api/v1/authorizers?locale=zh%00",
      "/api/v1/authorizers?x%00=1",
      `/api/v1/authorizers/${appid}?locale=%00`,
      `/api/v1/forwarding-rules/${ruleId}/deliveries?appid=%00`,
      `/api/v1/forwarding-rules/${ruleId}/deliveries?appid=wx%00&status=dead`,
      `/api/v1/forwarding-rules/${ruleId}/deliveries?before=1%00`,
    ];
    const before = await snapshot();
    await assertNo500(
      queries.map((path) => ({ method: "GET", path })),
      (request, answer) => {
        assert.equal(answer.status, 400, `${request.path}: ${answer.text}`);
        assert.match(answer.text, /must not contain NUL characters/, request.path);
      },
    );
    // Odd but NUL-free queries still answer 4xx or 200, never 500.
    await assertNo500(
      ["q=%FF", "q=%25", "q=%E4%B8%AD", `q=${"a".repeat(100)}`, "cursor=%E4%B8%AD", "sort=x", "q='%20OR%201%3D1--"].map((query) => ({
        method: "GET",
        path: `/api/v1/authorizers?${query}`,
      })),
    );
    assert.deepEqual(await snapshot(), before, "nothing changed");
  });

  it("refuses NUL anywhere in a JSON body (a value, a nested value, a key) with a 400 saying so, and stores nothing", async () => {
    const rule = { name: "fuzzed", url: "http://127.0.0.1:9/hook", types: ["message.*"] };
    const bodies: Array<[string, string, unknown]> = [
      ["POST", "/api/v1/forwarding-rules", { ...rule, name: "a\u0000b" }],
      ["POST", "/api/v1/forwarding-rules", { ...rule, url: "http://127.0.0.1:9/\u0000" }],
      ["POST", "/api/v1/forwarding-rules", { ...rule, types: ["message.*", "\u0000"] }],
      ["POST", "/api/v1/forwarding-rules", { ...rule, appids: ["wx0000000000000000\u0000"] }],
      ["POST", "/api/v1/forwarding-rules", { ...rule, "na\u0000me": "x" }],
      ["PATCH", `/api/v1/forwarding-rules/${ruleId}`, { name: "\u0000" }],
      ["PATCH", `/api/v1/forwarding-rules/${ruleId}`, { name: "\ud800" }],
      ["PATCH", `/api/v1/forwarding-rules/${ruleId}`, { url: "http://127.0.0.1:9/a\u0000" }],
      ["POST", `/api/v1/authorizers/${appid}/access-token/invalidate`, { accessToken: "x\u0000" }],
      ["POST", "/api/v1/authorization-links", { authType: 3, bizAppid: "wx\u0000" }],
      ["POST", `/api/v1/forwarding-rules/${ruleId}/redeliver`, { note: { deep: ["\u0000"] } }],
    ];
    const before = await snapshot();
    await assertNo500(
      bodies.map(([method, path, body]) => ({ method, path, body: JSON.stringify(body) })),
      (request, answer) => {
        assert.equal(answer.status, 400, `${request.method} ${request.path} ${request.body}: ${answer.text}`);
        assert.match(answer.text, /must not contain NUL characters|must be valid Unicode/, `${request.path} ${request.body}`);
      },
    );
    // Other odd bodies: 4xx, never 500.
    const odd = ["[]", "null", "1", '"x"', "{", '{"name":1e999}', '{"__proto__":{"x":1}}', JSON.stringify({ ...rule, name: "\ud800" })];
    await assertNo500(
      odd.flatMap((body) => [
        { method: "POST", path: "/api/v1/forwarding-rules", body },
        { method: "PATCH", path: `/api/v1/forwarding-rules/${ruleId}`, body },
        { method: "POST", path: "/api/v1/authorization-links", body },
      ]),
    );
    assert.deepEqual(await snapshot(), before, "nothing changed");
  });

  it("the dashboard: a bad appid in its route handler is a 400, NUL in a page's URL or the sign-in form is dropped, never a 500", async () => {
    const { signIn, TEST_ADMIN } = await import("../helpers/session");
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    for (const value of ["%00", "a%00b", "x".repeat(100)]) {
      const response = await fetch(`${stack.app.url}/api/admin/authorizers/${value}/refresh`, { method: "POST", headers: { cookie } });
      assert.equal(response.status, 400, value);
      assert.match(await response.text(), /is not an appid/);
    }
    const pages: Array<[string, number]> = [
      ["/authorizers?q=a%00b", 200],
      ["/authorizers?q=%00&cursor=%00&status=%00", 200],
      // Not found (Next streams the not-found page with 200 once the layout has started).
      ["/authorizers/%00", 0],
      ["/authorizers/a%00b", 0],
      [`/authorizers/${appid}`, 200],
      ["/messages?appid=%00&date=%00&type=%00", 200],
      [`/forwarding?rule=%00&appid=wx%00&status=%00`, 200],
      ["/events?appid=%00&kind=push%00&before=%00", 200],
    ];
    const failures: string[] = [];
    for (const [path, status] of pages) {
      const response = await fetch(`${stack.app.url}${path}`, { headers: { cookie, "accept-language": "en" } });
      const text = await response.text();
      const isExpected = status ? response.status === status : response.status < 500 && /not.found|404|找不到/i.test(text);
      if (!isExpected) failures.push(`${path} → ${response.status}`);
    }
    assert.deepEqual(failures, []);
    // A NUL typed into the sign-in form: the wrong password it is, not a 500.
    const typed = await signIn(stack.app.url, `${TEST_ADMIN.email}\u0000`, "wrong password");
    assert.equal(typed.error, "CredentialsSignin");
  });
});
