import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// The WeChat API proxy end to end: two app processes, the simulator as WeChat, API keys of every role.

let stack: TStack;
const keys = { admin: "", operator: "", reader: "" };
let officialAccount: string;
let miniProgram: string;

type TAnswer = { status: number; bytes: Buffer; text: string; headers: Headers };

const proxy = async (
  path: string,
  {
    method = "GET",
    body,
    key = keys.operator,
    contentType,
    app = 0,
  }: { method?: string; body?: BodyInit; key?: string; contentType?: string; app?: number } = {},
): Promise<TAnswer> => {
  const response = await fetch(`${stack.apps[app].url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(contentType ? { "content-type": contentType } : {}) },
    body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, text: bytes.toString("utf8"), headers: response.headers };
};

/** The same call straight to the simulator with a token, as a service would make it without wxopen. */
const direct = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${stack.simulator.url}/${path}`, init);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") };
};

const storedToken = async (appid: string) => {
  const answer = await proxy(`/api/v1/authorizers/${appid}/access-token`);
  return (JSON.parse(answer.text) as { accessToken: string }).accessToken;
};

/** A request whose path is sent exactly as written (fetch would normalise ../ and %2e). */
const rawRequest = (path: string) =>
  new Promise<{ status: number; location?: string }>((resolve, reject) => {
    const url = new URL(stack.app.url);
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, path, method: "GET", headers: { authorization: `Bearer ${keys.admin}` } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });

const authorize = async (kind: "official_account" | "mini_program") => {
  const [account] = stack.simulator.addAccounts(1, { kind });
  await stack.simulator.authorizeProgrammatically({ appid: account.appid, funcIds: [1, 2, 3] }).delivery;
  await eventually(
    async () => ((await stack.database.db.authorizer.findFirst({ where: { appid: account.appid } }))?.accessToken ? true : undefined),
    `${account.appid} saved`,
  );
  return account.appid;
};

before(async () => {
  stack = await startStack({ apps: 2, simulator: { dailyQuota: 100_000 } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  keys.admin = (await createApiKey({ name: "proxy admin", role: "admin" })).key;
  keys.operator = (await createApiKey({ name: "proxy operator", role: "operator" })).key;
  keys.reader = (await createApiKey({ name: "proxy reader", role: "reader" })).key;
  await stack.ready();
  officialAccount = await authorize("official_account");
  miniProgram = await authorize("mini_program");
});

after(async () => {
  await stack?.stop();
});

describe("[PROXY] passing WeChat's calls through", () => {
  it("a JSON call comes back byte for byte, with the account's token and never the caller's", async () => {
    stack.simulator.clearCalls();
    const proxied = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get?access_token=caller-own-token&lang=zh_CN`);
    assert.equal(proxied.status, 200, proxied.text);
    const token = await storedToken(officialAccount);
    const straight = await direct(`cgi-bin/menu/get?access_token=${token}&lang=zh_CN`);
    assert.deepEqual(proxied.bytes, straight.bytes);
    assert.ok(JSON.parse(proxied.text).menu, proxied.text);
    const [call] = stack.simulator.calls({ api: "menu/get" });
    assert.deepEqual(call.query, { lang: "zh_CN", access_token: token }, "the caller's access_token was dropped, the account's added");
    assert.equal(proxied.headers.get("cache-control"), "no-store");

    const quota = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/openapi/quota/get`, {
      method: "POST",
      body: JSON.stringify({ cgi_path: "/cgi-bin/menu/get" }),
      contentType: "application/json",
    });
    assert.equal(quota.status, 200, quota.text);
    assert.ok((JSON.parse(quota.text) as { quota: { used: number } }).quota.used >= 2, quota.text);
  });

  it("a multipart upload and the binary download of it pass through byte for byte; over 10 MB is 413 with no call", async () => {
    const file = randomBytes(300 * 1024);
    const form = new FormData();
    form.append("media", new Blob([file], { type: "image/jpeg" }), "photo.jpg");
    const uploaded = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/media/upload?type=image`, {
      method: "POST",
      body: form,
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    const { media_id: mediaId } = JSON.parse(uploaded.text) as { media_id: string };
    assert.ok(mediaId, uploaded.text);
    const downloaded = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/media/get?media_id=${mediaId}`);
    assert.equal(downloaded.status, 200);
    assert.equal(downloaded.headers.get("content-type"), "image/jpeg");
    assert.ok(downloaded.bytes.equals(file), "the downloaded bytes are the uploaded ones");

    const code = await proxy(`/api/v1/authorizers/${miniProgram}/wechat/wxa/getwxacodeunlimit`, {
      method: "POST",
      body: JSON.stringify({ scene: "table=12" }),
      contentType: "application/json",
    });
    assert.equal(code.status, 200, code.text.slice(0, 200));
    assert.equal(code.headers.get("content-type"), "image/png");
    const straight = await direct(`wxa/getwxacodeunlimit?access_token=${await storedToken(miniProgram)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scene: "table=12" }),
    });
    assert.ok(code.bytes.equals(straight.bytes), "the PNG is WeChat's, untouched");

    stack.simulator.clearCalls();
    const huge = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/media/upload?type=video`, {
      method: "POST",
      body: new Uint8Array(10 * 1024 * 1024 + 1),
      contentType: "application/octet-stream",
    });
    assert.equal(huge.status, 413, huge.text);
    assert.equal(stack.simulator.calls().length, 0, "nothing reached WeChat");
  });
});

describe("[PROXY] a token replaced behind wxopen's back", () => {
  it("[RACE] 20 concurrent calls on two instances all succeed, with exactly one refresh and at most 20 retries", async () => {
    await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`); // warm both the token and the cache
    stack.simulator.clearCalls();
    assert.ok(stack.simulator.retireAuthorizerTokens(officialAccount) >= 1);
    // WeChat answers slowly, so all 20 calls are out with the old token at once.
    stack.simulator.addFault({ api: "menu/get", mode: "latency", latencyMs: 300, times: 20 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`, { app: index % 2 })),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.text);
      assert.ok(JSON.parse(answer.text).menu, `every caller got the menu, not an error: ${answer.text}`);
    }
    const refreshes = stack.simulator
      .calls({ api: "api_authorizer_token" })
      .filter((call) => (call.body as { authorizer_appid?: string }).authorizer_appid === officialAccount);
    assert.equal(refreshes.length, 1, "exactly one refresh");
    const rejected = stack.simulator.calls({ api: "menu/get" }).filter((call) => call.errcode === 40001);
    const retried = answers.filter((answer) => answer.headers.get("x-wxopen-retry") === "token-refreshed").length;
    assert.ok(rejected.length <= 20 && retried <= 20, `${rejected.length} rejected, ${retried} retried`);
    assert.equal(retried, rejected.length, "each rejected call was retried once, and only those");
    console.log(`[proxy] 20 concurrent calls after the token was replaced: ${rejected.length} rejected and retried, 1 refresh`);
  });

  it("42007 through the proxy marks the account needs_reauthorization, and the next call is 409 before any WeChat call", async () => {
    const appid = await authorize("official_account");
    stack.simulator.addFault({ api: "menu/get", mode: "errcode", errcode: 42007, times: 1, match: {} });
    const voided = await proxy(`/api/v1/authorizers/${appid}/wechat/cgi-bin/menu/get`);
    assert.equal(voided.status, 200);
    assert.equal(JSON.parse(voided.text).errcode, 42007, "WeChat's answer, untouched");
    const row = await stack.database.db.authorizer.findFirst({ where: { appid } });
    assert.equal(row?.status, "needs_reauthorization");
    assert.match(row?.statusReason ?? "", /42007/);
    // The instance that saw it refuses at once; another one within its 2-second token cache.
    stack.simulator.clearCalls();
    const next = await proxy(`/api/v1/authorizers/${appid}/wechat/cgi-bin/menu/get`, { app: 0 });
    assert.equal(next.status, 409, next.text);
    assert.match(JSON.parse(next.text).error.message, /42007/);
    assert.equal(stack.simulator.calls({ api: "menu/get" }).length, 0, "no WeChat call for an account that must authorize again");
    await eventually(async () => {
      const other = await proxy(`/api/v1/authorizers/${appid}/wechat/cgi-bin/menu/get`, { app: 1 });
      return other.status === 409 ? other : undefined;
    }, "the other instance refuses too once its token cache has passed");
    const events = await stack.database.db.event.findMany({ where: { appid, kind: "proxy.failed" } });
    assert.equal(events.length, 1);
    assert.equal(events[0].errcode, 42007);
    assert.doesNotMatch(JSON.stringify(events[0]), /menu"|access_token=/, "no body, no token in the event");
  });
});

describe("[PROXY] what is left behind", () => {
  it("a body over 1 MB is streamed and not retried (the answer says so), the token is still replaced; 45009 is an error event; metrics by path", async () => {
    await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`);
    stack.simulator.retireAuthorizerTokens(officialAccount);
    const form = new FormData();
    form.append("media", new Blob([randomBytes(2 * 1024 * 1024)], { type: "image/jpeg" }), "large.jpg");
    const streamed = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/media/upload?type=image`, {
      method: "POST",
      body: form,
    });
    assert.equal(JSON.parse(streamed.text).errcode, 40001, "WeChat's own answer to the old token");
    assert.match(streamed.headers.get("x-wxopen-retry") ?? "", /^not-retried: the body was over 1 MB/);
    const after = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`);
    assert.ok(JSON.parse(after.text).menu, "the next call has the new token");
    assert.equal(after.headers.get("x-wxopen-retry"), null);

    stack.simulator.addFault({ api: "menu/get", mode: "errcode", errcode: 45009, times: 1, match: {} });
    const quota = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`);
    assert.equal(JSON.parse(quota.text).errcode, 45009);
    const event = await stack.database.db.event.findFirst({ where: { appid: officialAccount, errcode: 45009 } });
    assert.equal(event?.kind, "proxy.failed");
    assert.equal(event?.outcome, "error");

    const metrics = await proxy("/api/metrics", { key: keys.reader });
    assert.match(
      metrics.text,
      /wxopen_wechat_proxy_calls_total\{errcode="45009",path="cgi-bin\/menu\/get",platform="wx[0-9a-f]{16}",status="200"\} 1/,
    );
    assert.match(metrics.text, /wxopen_wechat_proxy_retries_total\{outcome="not-retried",path="cgi-bin\/media\/upload"\} 1/);
    assert.match(metrics.text, /wxopen_wechat_proxy_duration_seconds_bucket\{le="0.1",path="cgi-bin\/menu\/get"\}/);
  });
});

describe("[PROXY] who may call what, and where", () => {
  it("path escapes answer 400 and make no outbound call", async () => {
    stack.simulator.clearCalls();
    const base = `/api/v1/authorizers/${officialAccount}/wechat/`;
    const escapes = [
      "cgi-bin/../../../../api/health",
      "cgi-bin/%2e%2e/%2e%2e/x",
      "%2e%2e/cgi-bin/menu/get",
      "cgi-bin%2fmenu%2fget",
      "cgi-bin/menu%2f..%2fget",
      "/evil.example/cgi-bin/menu/get",
      "https:/evil.example/cgi-bin/menu/get",
      "cgi-bin/menu/get@evil.example",
      "cgi-bin\\..\\menu",
      "pages/index.html",
    ];
    for (const escape of escapes) {
      const first = await rawRequest(`${base}${escape}`);
      let status = first.status;
      const location = first.location;
      // Next's router answers a // with a redirect to the same host and one slash: follow it, it must then be refused.
      if (status === 308) {
        assert.ok(location?.startsWith("/api/v1/authorizers/"), `${escape}: redirected to ${location}`);
        ({ status } = await rawRequest(location!));
      }
      // Dot segments (plain or %2e) are resolved by Next's router before any route runs: they never reach the proxy.
      if (/(^|\/)(\.\.|%2e%2e)\//i.test(escape)) assert.ok(status === 400 || status === 404, `${escape}: ${status}`);
      else assert.equal(status, 400, `${escape} reached the proxy and was refused`);
    }
    assert.equal(stack.simulator.calls().length, 0, "no call left wxopen");
  });

  it("roles: reader 403, operator for accounts, admin for the component; 409 for an unauthorized account", async () => {
    const path = `/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/menu/get`;
    assert.equal((await proxy(path, { key: keys.reader })).status, 403);
    assert.equal((await proxy(path, { key: keys.admin })).status, 200);
    assert.equal((await proxy("/api/v1/component/wechat/wxa/gettemplatelist", { key: keys.operator })).status, 403);
    stack.simulator.clearCalls();
    const templates = await proxy("/api/v1/component/wechat/wxa/gettemplatelist", { key: keys.admin });
    assert.equal(templates.status, 200, templates.text);
    assert.ok(Array.isArray(JSON.parse(templates.text).template_list), templates.text);
    assert.ok(stack.simulator.calls({ api: "wxa/gettemplatelist" })[0].query.access_token, "the component token as access_token");
    const list = await proxy("/api/v1/component/wechat/cgi-bin/component/api_get_authorizer_list", {
      key: keys.admin,
      method: "POST",
      body: JSON.stringify({ component_appid: stack.simulator.config.componentAppid, offset: 0, count: 10 }),
      contentType: "application/json",
    });
    assert.equal(list.status, 200, list.text);
    assert.ok(JSON.parse(list.text).total_count >= 2, list.text);
    assert.ok(stack.simulator.calls({ api: "api_get_authorizer_list" })[0].query.component_access_token, "component_access_token here");

    const cancelled = await authorize("official_account");
    await stack.simulator.cancelAuthorization(cancelled);
    await eventually(
      async () =>
        (await stack.database.db.authorizer.findFirst({ where: { appid: cancelled } }))?.status === "unauthorized" ? true : undefined,
      "cancellation saved",
    );
    stack.simulator.clearCalls();
    const refused = await proxy(`/api/v1/authorizers/${cancelled}/wechat/cgi-bin/menu/get`);
    assert.equal(refused.status, 409, refused.text);
    assert.match(JSON.parse(refused.text).error.message, /unauthorized/);
    assert.equal(stack.simulator.calls().length, 0);
    assert.equal((await proxy("/api/v1/authorizers/not-an-appid/wechat/cgi-bin/menu/get")).status, 400);
  });
  it("[SECURITY] no refresh token in any answer; the calls only wxopen makes are 403 with no WeChat call", async () => {
    const componentAppid = stack.simulator.config.componentAppid;
    const post = (path: string, body: object) =>
      proxy(`/api/v1/component/wechat/cgi-bin/component/${path}`, {
        key: keys.admin,
        method: "POST",
        body: JSON.stringify(body),
        contentType: "application/json",
      });
    const info = await post("api_get_authorizer_info", { component_appid: componentAppid, authorizer_appid: officialAccount });
    assert.equal(info.status, 200, info.text);
    const infoJson = JSON.parse(info.text) as { authorizer_info: object; authorization_info: Record<string, unknown> };
    assert.equal(infoJson.authorization_info.authorizer_appid, officialAccount, "the rest of the answer is kept");
    assert.ok(infoJson.authorizer_info, info.text);
    assert.ok(!("authorizer_refresh_token" in infoJson.authorization_info), info.text);
    const list = await post("api_get_authorizer_list", { component_appid: componentAppid, offset: 0, count: 100 });
    const listJson = JSON.parse(list.text) as { list: Array<Record<string, unknown>> };
    assert.ok(
      listJson.list.length >= 2 && listJson.list.every((entry) => entry.authorizer_appid && !("refresh_token" in entry)),
      list.text,
    );
    for (const appid of [officialAccount, miniProgram]) {
      const stored = stack.simulator.accounts().find((account) => account.appid === appid)?.authorization?.refreshToken;
      assert.ok(stored, `the simulator holds ${appid}'s refresh token`);
      assert.ok(!info.text.includes(stored) && !list.text.includes(stored), "the refresh token is in neither answer");
    }

    stack.simulator.clearCalls();
    for (const path of [
      "api_component_token",
      "api_query_auth",
      "api_authorizer_token",
      "api_create_preauthcode",
      "api_start_push_ticket",
    ]) {
      const refused = await post(path, { component_appid: componentAppid, authorizer_appid: officialAccount });
      assert.equal(refused.status, 403, `${path}: ${refused.text}`);
      assert.match(JSON.parse(refused.text).error.message, /only wxopen makes/);
      const throughAccount = await proxy(`/api/v1/authorizers/${officialAccount}/wechat/cgi-bin/component/${path}`, { method: "POST" });
      assert.equal(throughAccount.status, 403, throughAccount.text);
    }
    assert.equal(stack.simulator.calls().length, 0, "nothing reached WeChat");
  });
});
