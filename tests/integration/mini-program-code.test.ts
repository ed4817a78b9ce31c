import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startReceiver, type TReceiver } from "../../simulator/receiver";
import { eventually } from "../helpers/app";
import { callApi, type TApiCall } from "../helpers/api";
import { startStack, type TStack } from "../helpers/stack";

// One Mini Program through WeChat's whole version cycle (issue 22), through the JSON API against the simulator:
// commit → trial QR → submit → rejected with a reason (the audit event) → commit again → submit → passed (event) →
// release → roll back; the audit events update the stored versions at once and are forwarded as miniprogram.audit_*.
// Runs on SQLite and on Postgres (TEST_DATABASE).

let stack: TStack;
let receiver: TReceiver;
let operatorKey: string;
let adminKey: string;
let appid: string;
let templateId: number;

const api = (path: string, options: Partial<TApiCall> = {}) => callApi(stack.app.url, path, { key: operatorKey, ...options });
const asAdmin = (path: string, options: Partial<TApiCall> = {}) => api(path, { key: adminKey, ...options });
const code = (suffix = "") => `/api/v1/authorizers/${appid}/code${suffix}`;

type TWebhook = { type: string; appid: string; data: { audit: { reason: string | null; screenshots: string[] } } };

/** The first webhook of that type the receiver got. */
const webhookOf = (type: string) =>
  eventually(async () => {
    const item = receiver.received.find((received) => received.type === type);
    if (item) assert.ok(item.signatureOk, "signed");
    return item ? (JSON.parse(item.body) as TWebhook) : undefined;
  }, `a ${type} webhook`);

const submitCalls = () => stack.simulator.calls({ api: "wxa/submit_audit" }).filter((call) => call.errcode === 0);

before(async () => {
  receiver = await startReceiver();
  // Reviews are decided by the test (reviewSeconds 0), and the privacy check takes 60 simulated seconds.
  stack = await startStack({ simulator: { reviewSeconds: 0, privacyScanSeconds: 60 } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  await stack.ready();
  const { createApiKey } = await import("../../lib/auth/api-keys");
  operatorKey = (await createApiKey({ name: "release operator", role: "operator" })).key;
  adminKey = (await createApiKey({ name: "release admin", role: "admin" })).key;
  [{ appid }] = stack.simulator.addAccounts(1, { kind: "mini_program" });
  assert.equal((await stack.simulator.authorizeProgrammatically({ appid }).delivery)!.ok, true);
  await eventually(
    async () => (await stack.database.db.authorizer.findFirst({ where: { appid, accessToken: { not: null } } })) ?? undefined,
    "authorized",
  );
  const rule = await asAdmin("/api/v1/forwarding-rules", {
    method: "POST",
    body: { name: "audits", url: receiver.url, types: ["miniprogram.*"] },
  });
  assert.equal(rule.status, 201, rule.text);
  receiver.secrets.push(String(rule.json.secret));
});

after(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe("[MINI-PROGRAMS] the template library", () => {
  it("takes a draft from the developer tools into the library (admins), and lists it with its use", async () => {
    const { draftId } = stack.simulator.addTemplateDraft({ userVersion: "3.0.0", userDesc: "会员版" });
    const drafts = await api("/api/v1/component/template-drafts");
    assert.equal(drafts.status, 200, drafts.text);
    assert.ok(drafts.json.some((draft: { draftId: number }) => draft.draftId === draftId));
    assert.equal((await api("/api/v1/component/templates", { method: "POST", body: { draftId } })).status, 403, "operators may not add");
    assert.equal((await asAdmin("/api/v1/component/templates", { method: "POST", body: { draftId } })).status, 201);
    const templates = await api("/api/v1/component/templates");
    const added = templates.json.find((template: { userVersion: string }) => template.userVersion === "3.0.0");
    assert.ok(added, templates.text);
    templateId = added.templateId;
    assert.equal(added.releasedCount, 0);
    const missing = await asAdmin("/api/v1/component/templates", { method: "POST", body: { draftId: 999_999 } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.errcode, 85064);
  });
});

describe("[MINI-PROGRAMS] one Mini Program's versions", () => {
  it("commits a template with this account's ext_json: the trial version, its QR code", async () => {
    const bad = await api(code("/commit"), {
      method: "POST",
      body: { templateId, extJson: '{"ext": {{shop}}', userVersion: "1.0.0", userDesc: "" },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /\{\{shop\}\}/, "a placeholder without a value is named");
    assert.equal(stack.simulator.calls({ api: "wxa/commit" }).length, 0, "nothing reached WeChat");

    const committed = await api(code("/commit"), {
      method: "POST",
      body: { templateId, extJson: { extAppid: "{{appid}}", ext: { name: "{{nickName}}" } }, userVersion: "1.0.0", userDesc: "首发" },
    });
    assert.equal(committed.status, 200, committed.text);
    assert.equal(committed.json.trial.version, "1.0.0");
    assert.equal(committed.json.trial.templateId, templateId);
    const sent = stack.simulator.calls({ api: "wxa/commit" }).at(-1)!.body as { ext_json: string };
    assert.equal(typeof sent.ext_json, "string", "ext_json goes to WeChat as a string");
    assert.equal(JSON.parse(sent.ext_json).extAppid, appid);

    const qr = await fetch(`${stack.app.url}${code("/trial-qrcode")}`, { headers: { authorization: `Bearer ${operatorKey}` } });
    assert.equal(qr.status, 200);
    assert.equal(qr.headers.get("content-type"), "image/jpeg");
    const bytes = Buffer.from(await qr.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], "a JPEG");
  });

  it("explains WeChat's privacy check (61039), then submits once it is done", async () => {
    const early = await api(code("/audit"), { method: "POST", body: {} });
    assert.equal(early.status, 409);
    assert.equal(early.json.error.errcode, 61039);
    assert.match(early.json.error.message, /privacy check/);
    stack.simulator.advanceClock(61);
    const submitted = await api(code("/audit"), { method: "POST", body: { versionDesc: "first" } });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal(submitted.json.audit.status, "in_review");
    assert.equal(submitted.json.audit.version, "1.0.0");
    const again = await api(code("/audit"), { method: "POST", body: {} });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.errcode, 85009);
    assert.equal(submitCalls().length, 1);
  });

  it("a rejection arrives as an event: stored at once with its reason, listed, forwarded as miniprogram.audit_failed", async () => {
    await stack.simulator.decideAudit({ appid, outcome: "fail", reason: "1:页面内容与类目不符<br>", screenshots: ["MEDIA_1", "MEDIA_2"] });
    const row = await eventually(async () => {
      const found = await stack.database.db.miniProgramCode.findFirst({ where: { appid } });
      return found?.auditStatus === "failed" ? found : undefined;
    }, "the failure stored");
    assert.equal(row.auditReason, "1:页面内容与类目不符<br>");
    const view = await api(code());
    assert.equal(view.json.audit.status, "failed");
    assert.deepEqual(view.json.audit.screenshots, ["MEDIA_1", "MEDIA_2"]);
    const body = await webhookOf("miniprogram.audit_failed");
    assert.equal(body.type, "miniprogram.audit_failed");
    assert.equal(body.appid, appid);
    assert.equal(body.data.audit.reason, "1:页面内容与类目不符<br>");
    assert.deepEqual(body.data.audit.screenshots, ["MEDIA_1", "MEDIA_2"]);
    const messages = await stack.database.db.authorizerMessage.findMany({ where: { appid, event: "weapp_audit_fail" } });
    assert.equal(messages.length, 1, "listed on Messages");
  });

  it("commits again, passes review, and only an admin releases", async () => {
    assert.equal(
      (await api(code("/commit"), { method: "POST", body: { templateId, extJson: "{}", userVersion: "1.0.1", userDesc: "修复" } })).status,
      200,
    );
    stack.simulator.advanceClock(61);
    assert.equal((await api(code("/audit"), { method: "POST", body: {} })).status, 200);
    await stack.simulator.decideAudit({ appid, outcome: "pass" });
    await eventually(async () => ((await api(code())).json.audit?.status === "passed" ? true : undefined), "passed");
    await webhookOf("miniprogram.audit_passed");

    assert.equal((await api(code("/release"), { method: "POST" })).status, 403, "operators may not release");
    const released = await asAdmin(code("/release"), { method: "POST" });
    assert.equal(released.status, 200, released.text);
    assert.equal(released.json.released.version, "1.0.1");
    assert.equal(stack.simulator.miniProgram(appid).online?.userVersion, "1.0.1", "WeChat has it live");
    const twice = await asAdmin(code("/release"), { method: "POST" });
    assert.equal(twice.status, 409);
    assert.equal(twice.json.error.errcode, 85052);
    const templates = await api("/api/v1/component/templates");
    assert.equal(templates.json.find((template: { templateId: number }) => template.templateId === templateId).releasedCount, 1);
  });

  it("rolls back (admins) to the version before, as WeChat now reports it", async () => {
    // A second release first, so there is something to go back to.
    await api(code("/commit"), { method: "POST", body: { templateId, extJson: "{}", userVersion: "1.0.2", userDesc: "二版" } });
    stack.simulator.advanceClock(61);
    await api(code("/audit"), { method: "POST", body: {} });
    await stack.simulator.decideAudit({ appid, outcome: "pass" });
    await eventually(async () => ((await api(code())).json.audit?.status === "passed" ? true : undefined), "passed");
    assert.equal((await asAdmin(code("/release"), { method: "POST" })).json.released.version, "1.0.2");
    const history = await api(code("/history"));
    assert.equal(history.status, 200, history.text);
    assert.ok(history.json.some((version: { userVersion: string }) => version.userVersion === "1.0.1"));
    assert.equal((await api(code("/rollback"), { method: "POST", body: {} })).status, 403);
    const rolledBack = await asAdmin(code("/rollback"), { method: "POST", body: {} });
    assert.equal(rolledBack.status, 200, rolledBack.text);
    assert.equal(rolledBack.json.released.version, "1.0.1");
    assert.equal(submitCalls().length, 3, "one submit per review");
  });

  it("a lost audit event is found by the slow check (get_latest_auditstatus) and forwarded all the same", async () => {
    await api(code("/commit"), { method: "POST", body: { templateId, extJson: "{}", userVersion: "2.0.0", userDesc: "三版" } });
    stack.simulator.advanceClock(61);
    assert.equal((await api(code("/audit"), { method: "POST", body: {} })).status, 200);
    const messageUrl = stack.simulator.config.messageUrl;
    // WeChat's push does not arrive (nothing listens on port 9).
    stack.simulator.setConfig({ messageUrl: "http://127.0.0.1:9/api/wechat/messages/$APPID$" });
    try {
      await stack.simulator.decideAudit({ appid, outcome: "pass" });
    } finally {
      stack.simulator.setConfig({ messageUrl });
    }
    assert.equal(
      (await stack.database.db.miniProgramCode.findFirstOrThrow({ where: { appid } })).auditStatus,
      "in_review",
      "the event was lost",
    );
    const { checkPendingAudits } = await import("../../lib/platform/reviews/check-pending-audits");
    assert.deepEqual(await checkPendingAudits(), { checked: 0, decided: 0 }, "a review heard of within 30 minutes is not read again");
    assert.deepEqual(await checkPendingAudits({ now: new Date(Date.now() + 31 * 60_000) }), { checked: 1, decided: 1 });
    assert.equal((await stack.database.db.miniProgramCode.findFirstOrThrow({ where: { appid } })).auditStatus, "passed");
    await eventually(
      () =>
        receiver.received
          .filter((item) => item.type === "miniprogram.audit_passed")
          .find((item) => JSON.parse(item.body).data.source === "check"),
      "the result forwarded",
    );
  });

  it("refuses an Official Account and a Mini Program without permission set 18, before calling WeChat", async () => {
    const [other] = stack.simulator.addAccounts(1, { kind: "mini_program" });
    assert.equal((await stack.simulator.authorizeProgrammatically({ appid: other.appid, funcIds: [17, 19] }).delivery)!.ok, true);
    await eventually(async () => (await stack.database.db.authorizer.findFirst({ where: { appid: other.appid } })) ?? undefined, "saved");
    const before = stack.simulator.calls().length;
    const refused = await api(`/api/v1/authorizers/${other.appid}/code`);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.errcode, 61007);
    assert.match(refused.json.error.message, /permission set 18/);
    assert.equal(stack.simulator.calls().length, before, "WeChat was not called");
    assert.equal((await api("/api/v1/authorizers/wx0000000000000000/code")).status, 404);
  });
});
