import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sealComponentPush } from "../../lib/wechat/push";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { callApi, type TApiCall } from "../helpers/api";
import { startStack, type TStack } from "../helpers/stack";
import { SECOND_PLATFORM_CREDENTIALS } from "../../simulator/test-support";

// Several third-party platforms in one deployment (issue 21): platforms added through the API, each with its own URL,
// keys, tickets and component token; the default platform (WECHAT_COMPONENT_*) unchanged. Two app instances on one
// database; the simulator plays both platforms. Authorizations per platform: platform-authorizations.test.ts.

const B = { name: "Brand B", ...SECOND_PLATFORM_CREDENTIALS };

let stack: TStack;
let adminKey: string;
let operatorKey: string;
const db = () => stack.database.db;
const nowSeconds = () => Math.floor(Date.now() / 1000);

const api = (path: string, options: Partial<TApiCall> = {}) => callApi(stack.app.url, path, { key: adminKey, ...options });

const post = (url: string, sealed: { query: Record<string, string>; body: string }) =>
  fetch(`${url}?${new URLSearchParams(sealed.query)}`, { method: "POST", body: sealed.body, headers: { "content-type": "text/xml" } });

const ticketPush = (credentials: { componentAppid: string; token: string; encodingAesKey: string }, ticket: string) =>
  sealComponentPush(
    { AppId: credentials.componentAppid, CreateTime: nowSeconds(), InfoType: "component_verify_ticket", ComponentVerifyTicket: ticket },
    credentials,
    { timestamp: String(nowSeconds()) },
  );

before(async () => {
  stack = await startStack({ apps: 2 });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "platforms admin", role: "admin" })).key;
  operatorKey = (await createApiKey({ name: "platforms operator", role: "operator" })).key;
});

after(async () => stack?.stop());

describe("[PLATFORMS] several third-party platforms", () => {
  it("lists the default platform as the environment's, with its URLs and never a secret", async () => {
    const listed = await api("/api/v1/platforms", { key: operatorKey });
    assert.equal(listed.status, 200);
    assert.equal(listed.json.items.length, 1);
    const [only] = listed.json.items;
    assert.equal(only.componentAppid, TEST_COMPONENT.componentAppid);
    assert.equal(only.isDefault, true);
    assert.equal(only.urls.notify, `${stack.app.url}/api/wechat/notify`);
    assert.equal(only.urls.messages, `${stack.app.url}/api/wechat/messages/$APPID$`);
    for (const secret of [TEST_COMPONENT.componentAppsecret, TEST_COMPONENT.token, TEST_COMPONENT.encodingAesKey])
      assert.ok(!listed.text.includes(secret), "no secret in the answer");
  });

  it("refuses bad input with a message naming the field, an operator, and the default platform's appid; nothing is written", async () => {
    const cases: Array<[unknown, number, RegExp, string?]> = [
      [{ ...B, encodingAesKey: B.encodingAesKey.slice(1) }, 400, /encodingAesKey.*43/],
      [{ ...B, componentAppid: "wx123" }, 400, /componentAppid.*wx followed by 16/],
      [{ ...B, token: "no spaces allowed" }, 400, /token.*3 to 32/],
      [{ ...B, componentAppsecret: "" }, 400, /componentAppsecret/],
      [{ name: "" }, 400, /name is required/],
      [{ ...B, componentAppid: TEST_COMPONENT.componentAppid }, 409, /default platform/],
      [B, 403, /./, operatorKey],
    ];
    for (const [body, status, message, key] of cases) {
      const answer = await api("/api/v1/platforms", { method: "POST", body, key: key ?? adminKey });
      assert.equal(answer.status, status, `${JSON.stringify(body).slice(0, 80)}: ${answer.text}`);
      assert.match(answer.json.error.message, message);
    }
    assert.equal(await db().platform.count(), 0);
  });

  it("adds a platform: 201 with its two URLs, secrets stored encrypted and never answered", async () => {
    const created = await api("/api/v1/platforms", { method: "POST", body: B });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.urls.notify, `${stack.app.url}/api/wechat/${B.componentAppid}/notify`);
    assert.equal(created.json.urls.messages, `${stack.app.url}/api/wechat/${B.componentAppid}/messages/$APPID$`);
    assert.equal(created.json.enabled, true);
    assert.equal(created.json.latestTicket, null);
    for (const secret of [B.componentAppsecret, B.token, B.encodingAesKey]) assert.ok(!created.text.includes(secret));
    const row = await db().platform.findUniqueOrThrow({ where: { componentAppid: B.componentAppid } });
    for (const secret of [B.componentAppsecret, B.token, B.encodingAesKey])
      assert.ok(!JSON.stringify(row).includes(secret), "encrypted at rest");
    assert.equal((await api("/api/v1/platforms", { method: "POST", body: B })).status, 409, "added twice");
    const listed = await api("/api/v1/platforms", { key: operatorKey });
    assert.deepEqual(
      listed.json.items.map((item: { componentAppid: string }) => item.componentAppid),
      [TEST_COMPONENT.componentAppid, B.componentAppid],
    );
  });

  it("keeps each platform's tickets and component token apart: WeChat pushes B's ticket to B's URL and B's token is fetched with it", async () => {
    const { url: firstApp } = stack.apps[0];
    stack.simulator.addPlatform({ ...B, notifyUrl: `${firstApp}/api/wechat/${B.componentAppid}/notify` });
    await stack.simulator.pushTicket(); // the default platform's, to the URL without a platform
    const delivered = await stack.simulator.pushTicket(B.componentAppid);
    assert.equal(delivered.ok, true, delivered.body);
    const tickets = await db().verifyTicket.findMany({ select: { componentAppid: true } });
    assert.deepEqual(new Set(tickets.map((row) => row.componentAppid)), new Set([TEST_COMPONENT.componentAppid, B.componentAppid]));
    // The follow-up fetches each platform's token with its own AppSecret and ticket.
    const status = await eventually(
      async () => {
        const answer = await api(`/api/v1/platforms/${B.componentAppid}/component`, { key: operatorKey });
        return answer.json.accessToken ? answer.json : undefined;
      },
      `B's component token fetched; simulator calls ${JSON.stringify(stack.simulator.calls({ api: "api_component_token" }).map((call) => [call.body, call.errcode]))} ${stack.apps[0]
        .output()
        .split("\n")
        .filter((line) => /warn|error/.test(line))
        .slice(-4)
        .join("\n")}`,
    );
    assert.equal(status.componentAppid, B.componentAppid);
    assert.ok(status.latestTicket.ageSeconds < 60);
    const tokens = await eventually(async () => {
      const rows = await db().componentToken.findMany();
      return rows.length === 2 ? rows : undefined;
    }, "two component tokens");
    assert.deepEqual(new Set(tokens.map((row) => row.componentAppid)), new Set([TEST_COMPONENT.componentAppid, B.componentAppid]));
    const [a, b] = await Promise.all([
      api("/api/v1/component/access-token"),
      api(`/api/v1/platforms/${B.componentAppid}/component/access-token`),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(a.json.accessToken, b.json.accessToken, "each platform its own token");
    const calls = stack.simulator.calls({ api: "api_component_token" });
    assert.ok(calls.some((call) => (call.body as { component_appid?: string }).component_appid === B.componentAppid && call.errcode === 0));
  });

  it("refuses a push sealed with one platform's key at the other's URL, a push to an unknown platform, and stores nothing", async () => {
    const before = await db().verifyTicket.count();
    const defaultUrl = `${stack.app.url}/api/wechat/notify`;
    const bUrl = `${stack.app.url}/api/wechat/${B.componentAppid}/notify`;
    const bSealed = await post(defaultUrl, ticketPush(B, "ticket@@@sealed-for-b"));
    assert.ok(bSealed.status >= 400 && bSealed.status < 500, `B's push at the default URL: ${bSealed.status}`);
    const aSealed = await post(bUrl, ticketPush(TEST_COMPONENT, "ticket@@@sealed-for-a"));
    assert.ok(aSealed.status >= 400 && aSealed.status < 500, `A's push at B's URL: ${aSealed.status}`);
    assert.match(await aSealed.text(), /Settings → Platforms/);
    const unknown = await post(
      `${stack.app.url}/api/wechat/wx00000000000000c0/notify`,
      ticketPush({ ...B, componentAppid: "wx00000000000000c0" }, "ticket@@@c"),
    );
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /No platform wx00000000000000c0/);
    assert.equal(await db().verifyTicket.count(), before, "nothing stored");
    // The right key at the right URL is taken.
    assert.equal((await post(bUrl, ticketPush(B, "ticket@@@right"))).status, 200);
    assert.equal(await db().verifyTicket.count(), before + 1);
  });

  it("checks a new AppSecret with WeChat before saving it (a ticket has arrived), renames, and disables: pushes refused on every instance", async () => {
    const wrong = await api(`/api/v1/platforms/${B.componentAppid}`, { method: "PATCH", body: { componentAppsecret: "c".repeat(32) } });
    assert.equal(wrong.status, 400, wrong.text);
    assert.match(wrong.json.error.message, /WeChat refused this AppSecret.*40125.*Nothing was changed/);
    const renamed = await api(`/api/v1/platforms/${B.componentAppid}`, {
      method: "PATCH",
      body: { name: "Brand B (production)", componentAppsecret: B.componentAppsecret },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.name, "Brand B (production)");
    assert.equal((await api(`/api/v1/platforms/${TEST_COMPONENT.componentAppid}`, { method: "PATCH", body: { name: "x" } })).status, 409);
    assert.equal(
      (await api(`/api/v1/platforms/${B.componentAppid}`, { method: "PATCH", body: { name: "x" }, key: operatorKey })).status,
      403,
    );

    const disabled = await api(`/api/v1/platforms/${B.componentAppid}`, { method: "PATCH", body: { enabled: false } });
    assert.equal(disabled.json.enabled, false);
    const before = await db().verifyTicket.count();
    // The other instance sees the change within its 2-second cache.
    for (const app of stack.apps)
      await eventually(async () => {
        const answer = await post(`${app.url}/api/wechat/${B.componentAppid}/notify`, ticketPush(B, `ticket@@@disabled${Math.random()}`));
        return answer.status === 403 ? true : undefined;
      }, `disabled on ${app.url}`);
    assert.equal(await db().verifyTicket.count(), before, "nothing stored while disabled");
    assert.equal((await api(`/api/v1/platforms/${B.componentAppid}/component/access-token`)).status, 409);
    assert.equal((await api(`/api/v1/platforms/${B.componentAppid}`, { method: "PATCH", body: { enabled: true } })).json.enabled, true);
  });

  it("a key limited to platform B finds the default platform absent (404), lists only B, and cannot add platforms", async () => {
    const { createApiKey } = await import("../../lib/auth/api-keys");
    await assert.rejects(
      createApiKey({ name: "unknown platform", role: "operator", platforms: ["wx00000000000000c0"] }),
      /no platform wx00000000000000c0/,
    );
    const limited = (await createApiKey({ name: "brand B only", role: "admin", platforms: [B.componentAppid] })).key;
    const listed = await api("/api/v1/platforms", { key: limited });
    assert.deepEqual(
      listed.json.items.map((item: { componentAppid: string }) => item.componentAppid),
      [B.componentAppid],
    );
    for (const path of [
      `/api/v1/platforms/${TEST_COMPONENT.componentAppid}`,
      `/api/v1/platforms/${TEST_COMPONENT.componentAppid}/component`,
      "/api/v1/component",
      "/api/v1/component/access-token",
      "/api/v1/authorizers",
    ]) {
      const answer = await api(path, { key: limited });
      assert.equal(answer.status, 404, `${path}: ${answer.text}`);
    }
    assert.match((await api(`/api/v1/platforms/${TEST_COMPONENT.componentAppid}`, { key: limited })).json.error.message, /^No platform/);
    assert.equal((await api(`/api/v1/platforms/${B.componentAppid}/component`, { key: limited })).status, 200);
    assert.equal((await api(`/api/v1/platforms/${B.componentAppid}/component/access-token`, { key: limited })).status, 200);
    const adding = await api("/api/v1/platforms", { method: "POST", body: { ...B, componentAppid: "wx00000000000000c1" }, key: limited });
    assert.equal(adding.status, 403);
    assert.equal(await db().platform.count(), 1);
    // A key for every platform still reaches both.
    assert.equal((await api("/api/v1/platforms", { key: operatorKey })).json.items.length, 2);
  });

  it("health names each platform's ticket and token, and retention keeps each platform's newest ticket", async () => {
    const health = await (await fetch(`${stack.app.url}/api/health`)).json();
    assert.equal(health.database, "ok");
    assert.ok(health.latestTicket, "the default platform's, as before");
    assert.deepEqual(
      health.platforms.map((item: { componentAppid: string; enabled: boolean }) => [item.componentAppid, item.enabled]),
      [[B.componentAppid, true]],
    );
    assert.ok(health.platforms[0].latestTicket.ageSeconds < 120 && health.platforms[0].componentToken.secondsLeft > 0);

    // Every ticket ten days old: each platform's newest stays (its component token is fetched with it), the rest go.
    await db().verifyTicket.updateMany({ data: { receivedAt: new Date(Date.now() - 10 * 86_400_000) } });
    const { pruneExpiredData } = await import("../../lib/platform/sweep/prune-expired-data");
    await pruneExpiredData();
    const left = await db().verifyTicket.findMany({ select: { componentAppid: true } });
    assert.deepEqual(left.map((row) => row.componentAppid).sort(), [B.componentAppid, TEST_COMPONENT.componentAppid].sort());
  });

  it("keeps the default platform's URL and paths as before", async () => {
    const delivered = await stack.simulator.pushTicket();
    assert.equal(delivered.ok, true);
    const latest = await db().verifyTicket.findFirst({ orderBy: { id: "desc" } });
    assert.equal(latest!.componentAppid, TEST_COMPONENT.componentAppid);
    const status = await api("/api/v1/component", { key: operatorKey });
    assert.equal(status.json.componentAppid, TEST_COMPONENT.componentAppid);
    const missing = await api("/api/v1/platforms/wx00000000000000c0", { key: operatorKey });
    assert.equal(
      missing.status,
      404,
      missing.text +
        stack.app
          .output()
          .split("\n")
          .filter((line) => line.includes("error"))
          .slice(-3)
          .join("\n"),
    );
  });
});
