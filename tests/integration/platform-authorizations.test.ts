import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startReceiver, type TReceiver } from "../../simulator/receiver";
import { eventually, TEST_COMPONENT } from "../helpers/app";
import { callApi, type TApiCall } from "../helpers/api";
import { startStack, type TStack } from "../helpers/stack";
import { SECOND_PLATFORM_CREDENTIALS } from "../../simulator/test-support";
import { authorizeOnPc } from "../helpers/wechat-page";

// One merchant account authorizing two third-party platforms (issue 21): two authorizations, each with its own tokens,
// scopes, status, messages and release check, through the real URLs WeChat uses (the simulator plays both platforms)
// and the platform-scoped API paths; today's paths keep meaning the default platform. Two app instances, one database.

const A = TEST_COMPONENT.componentAppid;
const B = { name: "Brand B", ...SECOND_PLATFORM_CREDENTIALS };

let stack: TStack;
let receiver: TReceiver;
let adminKey: string;
let appid: string;
const db = () => stack.database.db;

const api = (path: string, options: Partial<TApiCall> = {}) => callApi(stack.app.url, path, { key: adminKey, ...options });

const inB = (path: string) => `/api/v1/platforms/${B.componentAppid}${path}`;

/** An invitation made through `linksPath`, opened on the second instance, confirmed for `account` on WeChat's page. */
const authorizeThroughInvitation = async (linksPath: string, account: string) => {
  const link = await api(linksPath, { method: "POST", body: { authType: 3 } });
  assert.equal(link.status, 200, link.text);
  const token = new URL(link.json.inviteUrl).pathname.split("/").pop()!;
  const { callbackUrl, wechatUrl } = await authorizeOnPc({
    appUrl: stack.apps[1].url,
    simulatorUrl: stack.simulator.url,
    token,
    appid: account,
  });
  const callback = await fetch(callbackUrl, { redirect: "manual" });
  assert.ok(callback.status < 400, `callback ${callback.status}`);
  return new URL(wechatUrl).searchParams.get("component_appid");
};

const rowsOf = (account: string) =>
  db().authorizer.findMany({ where: { appid: account }, orderBy: { platformKey: "asc" }, include: { scopes: true } });

before(async () => {
  receiver = await startReceiver();
  stack = await startStack({ apps: 2 });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "platform authorizations admin", role: "admin" })).key;
  assert.equal((await api("/api/v1/platforms", { method: "POST", body: B })).status, 201);
  stack.simulator.addPlatform({ ...B, notifyUrl: `${stack.apps[0].url}/api/wechat/${B.componentAppid}/notify` });
  await stack.simulator.pushTicket();
  assert.equal((await stack.simulator.pushTicket(B.componentAppid)).ok, true);
  await eventually(async () => ((await api(inB("/component"))).json.accessToken ? true : undefined), "B's component token");
  // Each instance reads the platforms at most every 2 s: the second one knows B once it answers for it.
  await eventually(async () => {
    const answer = await fetch(`${stack.apps[1].url}${inB("")}`, { headers: { authorization: `Bearer ${adminKey}` } });
    return answer.status === 200 ? true : undefined;
  }, "the second instance knows B");
  [{ appid }] = stack.simulator.addAccounts(1, { kind: "official_account" });
});

after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe("[PLATFORMS] one account, two platforms", () => {
  it("authorizes both through each platform's invitation: two authorizations with their own tokens and scopes", async () => {
    assert.equal(await authorizeThroughInvitation("/api/v1/authorization-links", appid), A);
    assert.equal(await authorizeThroughInvitation(inB("/authorization-links"), appid), B.componentAppid, "B's invitation opens B's page");
    const rows = await eventually(async () => {
      const found = await rowsOf(appid);
      return found.length === 2 && found.every((row) => row.accessToken) ? found : undefined;
    }, "both authorizations saved");
    assert.deepEqual(
      rows.map((row) => [row.platformKey, row.status, row.scopes.length > 0]),
      [
        ["", "authorized", true],
        [B.componentAppid, "authorized", true],
      ],
    );
    assert.notEqual(rows[0].refreshToken, rows[1].refreshToken);

    const [legacy, defaultScoped, b] = await Promise.all([
      api(`/api/v1/authorizers/${appid}/access-token`),
      api(`/api/v1/platforms/${A}/authorizers/${appid}/access-token`),
      api(inB(`/authorizers/${appid}/access-token`)),
    ]);
    assert.equal(legacy.status, 200, legacy.text);
    assert.equal(b.status, 200, b.text);
    assert.equal(defaultScoped.json.accessToken, legacy.json.accessToken, "today's path is the default platform's");
    assert.notEqual(b.json.accessToken, legacy.json.accessToken, "each platform its own token");
    assert.equal((await api(inB(`/authorizers/${appid}`))).json.appid, appid);
    // B's token is B's at WeChat: the proxy calls with it and WeChat accepts it.
    const menu = await api(inB(`/authorizers/${appid}/wechat/cgi-bin/menu/get`));
    assert.equal(menu.status, 200, menu.text);
    const listed = await api(inB("/authorizers"));
    assert.deepEqual(
      listed.json.items.map((item: { appid: string }) => item.appid),
      [appid],
    );
  });

  it("refreshes B's token with B's component token, leaving the default platform's token as it was", async () => {
    const before = (await api(`/api/v1/authorizers/${appid}/access-token`)).json.accessToken;
    const beforeB = (await api(inB(`/authorizers/${appid}/access-token`))).json.accessToken;
    stack.simulator.clearCalls();
    assert.equal((await api(inB(`/authorizers/${appid}/refresh`), { method: "POST" })).status, 200);
    const calls = stack.simulator.calls({ api: "api_authorizer_token" });
    assert.deepEqual(
      calls.map((call) => [(call.body as { component_appid?: string }).component_appid, call.errcode]),
      [[B.componentAppid, 0]],
    );
    assert.notEqual((await api(inB(`/authorizers/${appid}/access-token`))).json.accessToken, beforeB);
    assert.equal((await api(`/api/v1/authorizers/${appid}/access-token`)).json.accessToken, before);
  });

  it("takes messages at each platform's URL as that platform's, forwarded with its componentAppid to the rules that name it", async () => {
    const everyPlatform = await api("/api/v1/forwarding-rules", {
      method: "POST",
      body: { name: "every platform", url: receiver.url, types: ["message.text"] },
    });
    const onlyDefault = await api("/api/v1/forwarding-rules", {
      method: "POST",
      body: { name: "default only", url: receiver.url, types: ["message.text"], platforms: [A] },
    });
    assert.equal(onlyDefault.status, 201, onlyDefault.text);
    receiver.secrets.push(everyPlatform.json.secret, onlyDefault.json.secret);
    const unknown = await api("/api/v1/forwarding-rules", {
      method: "POST",
      body: { name: "unknown", url: receiver.url, types: ["*"], platforms: ["wx00000000000000c0"] },
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /no platform wx00000000000000c0/);

    const toB = await stack.simulator.sendMessage({ appid, componentAppid: B.componentAppid, kind: "text", content: "to brand B" });
    assert.equal(toB.status, 200, JSON.stringify(toB));
    const toA = await stack.simulator.sendMessage({ appid, kind: "text", content: "to the default platform" });
    assert.equal(toA.status, 200, JSON.stringify(toA));
    const stored = await db().authorizerMessage.findMany({ where: { appid }, orderBy: { id: "asc" } });
    assert.deepEqual(
      stored.map((row) => row.platformKey),
      [B.componentAppid, ""],
    );
    const bodies = await eventually(
      async () => (receiver.received.length >= 3 ? receiver.received.map((entry) => JSON.parse(entry.body)) : undefined),
      "three deliveries: B's message to one rule, the default platform's to both",
    );
    const byPlatform = (componentAppid: string) => bodies.filter((body) => body.componentAppid === componentAppid);
    assert.equal(byPlatform(B.componentAppid).length, 1);
    assert.equal(byPlatform(A).length, 2);
    assert.equal(byPlatform(B.componentAppid)[0].data.fields.Content, "to brand B");

    // B's own rules at B's path: the rules for every platform and those naming B; a rule made there is B's only.
    const created = await api(inB("/forwarding-rules"), {
      method: "POST",
      body: { name: "B only", url: receiver.url, types: ["event.*"] },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.json.platforms, [B.componentAppid]);
    receiver.secrets.push(created.json.secret);
    const ofB = await api(inB("/forwarding-rules"));
    assert.deepEqual(ofB.json.items.map((rule: { name: string }) => rule.name).sort(), ["B only", "every platform"]);
    assert.equal((await api("/api/v1/platforms/wx00000000000000c0/forwarding-rules")).status, 404);
  });

  it("runs WeChat's release check against B's message URL with B's keys and B's auth code", async () => {
    const run = await stack.simulator.runReleaseCheck({ group: 1, componentAppid: B.componentAppid });
    assert.deepEqual(
      run.steps.filter((step) => !step.ok).map((step) => `${step.appid} ${step.step}: ${step.detail}`),
      [],
    );
    assert.equal(run.status, "passed");
    const { getReleaseCheckStatus } = await import("../../lib/platform/messages/get-release-check-status");
    const card = await getReleaseCheckStatus(B.componentAppid);
    assert.deepEqual(
      card.map((step) => [step.step, step.last?.ok]),
      ["ticket", "authorization", "text", "api_text", "event", "cancellation"].map((step) => [step, true]),
    );
    const defaultCard = await getReleaseCheckStatus();
    assert.equal(defaultCard.find((step) => step.step === "text")?.last, null, "the default platform's check has not run");
  });

  it("a key limited to the default platform finds B's authorizations absent (404) and keeps today's paths", async () => {
    const { createApiKey } = await import("../../lib/auth/api-keys");
    const limited = (await createApiKey({ name: "default only", role: "operator", platforms: [A] })).key;
    assert.equal((await api(inB(`/authorizers/${appid}/access-token`), { key: limited })).status, 404);
    assert.equal((await api(`/api/v1/authorizers/${appid}/access-token`, { key: limited })).status, 200);
  });

  it("cancelling on B leaves the default platform's authorization serving, on both instances", async () => {
    await stack.simulator.cancelAuthorization(appid, B.componentAppid);
    const rows = await eventually(async () => {
      const found = await rowsOf(appid);
      return found[1].status === "unauthorized" ? found : undefined;
    }, "B's authorization cancelled");
    assert.equal(rows[0].status, "authorized");
    assert.ok(rows[1].refreshToken, "the refresh token is kept");
    for (const app of stack.apps) {
      await eventually(async () => {
        const answer = await fetch(`${app.url}${inB(`/authorizers/${appid}/access-token`)}`, {
          headers: { authorization: `Bearer ${adminKey}` },
        });
        return answer.status === 409 ? true : undefined;
      }, `B's token refused on ${app.url}`);
      const served = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      assert.equal(served.status, 200);
    }
    const event = await db().event.findFirst({ where: { kind: "authorization.cancelled", appid }, orderBy: { id: "desc" } });
    assert.equal(event?.platformKey, B.componentAppid);
  });
});
