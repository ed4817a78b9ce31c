import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startReceiver, type TReceiver } from "../../simulator/receiver";
import { eventually, startApp } from "../helpers/app";
import { callApi, type TApiCall } from "../helpers/api";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Release campaigns (issue 22) on two instances against the simulator: the review quota planned rather than hit, a
// durable per-account state machine that survives an instance killed with SIGKILL half-way, failures explained and
// retried alone. Runs on SQLite and on Postgres (TEST_DATABASE).

let stack: TStack;
let receiver: TReceiver;
let adminKey: string;
let readerKey: string;
let templateId: number;
const db = () => stack.database.db;

const api = (path: string, options: Partial<TApiCall> = {}) => callApi(stack.app.url, path, { key: adminKey, ...options });

/** `count` Mini Programs authorized with set 18 and imported through the API (api_get_authorizer_list). */
const addMiniPrograms = async (count: number) => {
  const accounts = stack.simulator.addAccounts(count, { kind: "mini_program" });
  for (const { appid } of accounts) stack.simulator.authorizeProgrammatically({ appid, shouldPush: false });
  const imported = await api("/api/v1/authorizers/import", { method: "POST" });
  assert.equal(imported.status, 200, imported.text);
  return accounts.map(({ appid }) => appid);
};

const successfulCalls = (api: string) => stack.simulator.calls({ api }).filter((call) => call.errcode === 0);
const perAppid = (calls: { appid?: string }[]) => {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.appid ?? "", (counts.get(call.appid ?? "") ?? 0) + 1);
  return counts;
};

const countsInDatabase = async (campaignId: string) => {
  const rows = await db().releaseTarget.groupBy({ by: ["state"], where: { campaignId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
};
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));

before(async () => {
  receiver = await startReceiver();
  stack = await startStack({
    apps: 2,
    // Short leases so a killed instance's steps are taken over within seconds; the simulator's privacy check is off.
    env: { RELEASE_STEP_LEASE_SECONDS: "4", RELEASE_PRIVACY_WAIT_SECONDS: "0", RELEASE_CONCURRENCY: "8", LOG_LEVEL: "error" },
    simulator: { reviewSeconds: 1, privacyScanSeconds: 0, latencyMs: 15 },
  });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  await stack.ready();
  const { createApiKey } = await import("../../lib/auth/api-keys");
  adminKey = (await createApiKey({ name: "release admin", role: "admin" })).key;
  readerKey = (await createApiKey({ name: "release reader", role: "reader" })).key;
  const { draftId } = stack.simulator.addTemplateDraft({ userVersion: "5.0.0", userDesc: "campaign template" });
  assert.equal((await api("/api/v1/component/templates", { method: "POST", body: { draftId } })).status, 201);
  templateId = (await api("/api/v1/component/templates")).json.find(
    (template: { userVersion: string }) => template.userVersion === "5.0.0",
  ).templateId;
  const rule = await api("/api/v1/forwarding-rules", {
    method: "POST",
    body: { name: "releases", url: receiver.url, types: ["release.*"] },
  });
  assert.equal(rule.status, 201, rule.text);
  receiver.secrets.push(String(rule.json.secret));
});

after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe("[RELEASES] a small campaign", () => {
  it("explains failures per account, retries them alone, and completes with release.completed", async () => {
    const appids = await addMiniPrograms(3);
    stack.simulator.setAuditQuota({ rest: 50 });
    stack.simulator.setAccountProfile({ appid: appids[1], isComplete: false });
    stack.simulator.setAuditPlan({ appid: appids[2], outcome: "fail", reason: "页面内容与类目不符" });

    const missing = await api("/api/v1/releases", {
      method: "POST",
      body: { templateId, userVersion: "5.0.0", userDesc: "d", extJson: { ext: { shop: "{{shop}}" } }, targets: { appids } },
    });
    assert.equal(missing.status, 400);
    assert.match(missing.json.error.message, /\{\{shop\}\}/, "a placeholder without a value stops the campaign before it starts");
    assert.equal((await api("/api/v1/releases", { method: "POST", key: readerKey, body: {} })).status, 403);

    const csv = `appid,shop\n${appids.map((appid, index) => `${appid},"Shop ""${index}"", Ltd"`).join("\n")}\n`;
    const created = await api("/api/v1/releases", {
      method: "POST",
      body: {
        name: "small",
        templateId,
        userVersion: "5.0.0",
        userDesc: "d",
        extJson: { ext: { shop: "{{shop}}" } },
        csv,
        autoRelease: true,
        speedUp: true,
        domains: { requestdomain: ["https://api.shop.example"] },
        privacy: {
          owner_setting: { contact_email: "privacy@shop.example", notice_method: "弹窗" },
          setting_list: [{ privacy_key: "UserInfo", privacy_text: "识别会员身份" }],
        },
      },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual([created.json.targetCount, created.json.submittableNow, created.json.waitingForQuota], [3, 3, 0]);
    const id = created.json.id as string;

    const settled = await eventually(
      async () => {
        const counts = nonZero(await countsInDatabase(id));
        return counts.released === 1 && counts.failed === 1 && counts.rejected === 1 ? counts : undefined;
      },
      "one released, one failed (86002), one rejected",
      60_000,
    );
    assert.deepEqual(settled, { released: 1, failed: 1, rejected: 1 });
    assert.equal(successfulCalls("wxa/speedupaudit").length, 2, "each submitted review sped up (the month has 3 speed-ups)");
    const released = stack.simulator.miniProgram(appids[0]);
    assert.deepEqual(released.domains.requestdomain, ["https://api.shop.example"], "domains set before the commit");
    assert.equal(released.privacy.live?.ownerSetting.contact_email, "privacy@shop.example", "the privacy guide went live with the release");
    const commit = stack.simulator.calls({ api: "wxa/commit", appid: appids[0] }).find((call) => call.errcode === 0)!;
    assert.equal(JSON.parse((commit.body as { ext_json: string }).ext_json).ext.shop, 'Shop "0", Ltd', "the CSV value, JSON-escaped");

    const view = await api(`/api/v1/releases/${id}`, { key: readerKey });
    assert.equal(view.status, 200, view.text);
    const [failed] = view.json.accounts.failed;
    assert.equal(failed.appid, appids[1]);
    assert.equal(failed.errcode, 86002);
    assert.match(failed.explanation.zh, /资料未完善/);
    assert.match(view.json.accounts.rejected[0].reason, /页面内容与类目不符/);
    await eventually(async () => ((await api(`/api/v1/releases/${id}`)).json.status === "completed" ? true : undefined), "completed");
    await eventually(() => receiver.received.find((item) => item.type === "release.completed"), "release.completed");

    // The merchant completes the profile; only the failed account goes again.
    stack.simulator.setAccountProfile({ appid: appids[1], isComplete: true });
    const retried = await api(`/api/v1/releases/${id}/retry-failed`, { method: "POST" });
    assert.equal(retried.status, 200, retried.text);
    assert.equal(retried.json.affected, 1);
    await eventually(async () => ((await countsInDatabase(id)).released === 2 ? true : undefined), "the retried account released", 60_000);
    assert.equal(perAppid(successfulCalls("wxa/commit")).get(appids[1]), 1, "retrying the submit did not commit again");
    assert.equal(successfulCalls("wxa/speedupaudit").length, 3);
    assert.equal(stack.simulator.auditQuota().speedupRest, 0, "the speed-ups used, none beyond them");
    assert.equal(stack.simulator.calls({ api: "wxa/speedupaudit" }).filter((call) => call.errcode === 89405).length, 0);
  });
});

describe("[RELEASES] 300 Mini Programs, two instances, the quota at 100, one instance killed half-way", () => {
  it("submits exactly the 100 the quota allows, once each, never hits 85085, and loses nothing", async () => {
    const appids = await addMiniPrograms(300);
    stack.simulator.setAuditQuota({ rest: 100 });
    // The simulator keeps the last 5,000 calls: this test counts its own.
    stack.simulator.clearCalls();
    const submitsBefore = 0;
    const body = {
      templateId,
      userVersion: "6.0.0",
      userDesc: "big",
      extJson: { extAppid: "{{appid}}" },
      targets: { appids },
      autoRelease: true,
    };

    const preview = await api("/api/v1/releases/preview", { method: "POST", body });
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual([preview.json.targetCount, preview.json.submittableNow, preview.json.waitingForQuota], [300, 100, 200]);
    assert.equal(JSON.parse(preview.json.sample.extJson).extAppid, appids[0]);

    const created = await api("/api/v1/releases", { method: "POST", body: { ...body, name: "big" } });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id as string;

    await eventually(
      async () => ((await db().releaseTarget.count({ where: { campaignId: id, state: { not: "queued" } } })) >= 120 ? true : undefined),
      "the campaign under way",
      60_000,
    );
    const victim = stack.apps[1];
    victim.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stack.apps[1] = await startApp({
      databaseUrl: stack.database.url,
      simulatorUrl: stack.simulator.url,
      port: victim.port,
      env: stack.env,
    });

    const final = await eventually(
      async () => {
        const counts = nonZero(await countsInDatabase(id));
        return counts.released === 100 && counts.waiting_for_quota === 200 ? counts : undefined;
      },
      "100 released, 200 waiting for quota",
      120_000,
    );
    assert.deepEqual(final, { released: 100, waiting_for_quota: 200 }, "every account is in a final or waiting state");

    const submits = successfulCalls("wxa/submit_audit").slice(submitsBefore);
    assert.equal(submits.length, 100, "as many submits as the quota allowed");
    assert.ok(
      [...perAppid(submits).values()].every((count) => count === 1),
      "no account submitted twice",
    );
    assert.equal(stack.simulator.calls({ api: "wxa/submit_audit" }).filter((call) => call.errcode === 85085).length, 0, "never an 85085");
    assert.equal(stack.simulator.auditQuota().rest, 0);
    const commits = perAppid(successfulCalls("wxa/commit").filter((call) => appids.includes(call.appid ?? "")));
    assert.equal(commits.size, 300, "every account committed");
    assert.ok(
      [...commits.values()].every((count) => count === 1),
      "no account committed twice",
    );

    const view = await api(`/api/v1/releases/${id}?perState=1`, { key: readerKey });
    assert.deepEqual(nonZero(view.json.counts), await countsInDatabase(id), "the campaign's counts match the database");
    assert.equal(view.json.status, "running", "accounts still wait for quota");
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const page = await (await fetch(`${stack.app.url}/releases/${id}`, { headers: { cookie } })).text();
    for (const [state, count] of Object.entries(await countsInDatabase(id))) {
      const row = page.split(`data-testid="state-${state}"`)[1]?.split("</li>")[0] ?? "";
      assert.match(row, new RegExp(`>${count}</span>`), `the campaign page shows ${count} ${state}`);
    }
    assert.ok(
      receiver.received.some((item) => item.type === "release.progress" && item.signatureOk),
      "release.progress sent",
    );
  });
});
