import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED_ACCOUNTS } from "./accounts";
import { startCodeHarness, waitForMessage } from "./mini-program-test-support";
import { SECOND_PLATFORM_CREDENTIALS as B } from "./test-support";

// The review side of code management (§11.2.4, §11.3, §11.7): the platform's monthly quota, withdrawals, speed-ups,
// the reviewer's plans, and each platform keeping its own library, quota and events.

const [mall, panda] = SEED_ACCOUNTS.filter((account) => account.kind === "mini_program");

describe("[SIMULATOR][MINI PROGRAM AUDIT] quota, withdrawals, speed-ups, plans and platforms", () => {
  it("shares the platform's monthly quota between its mini programs (85085), and refuses incomplete profiles (86002)", async (t) => {
    const { simulator, wxa, get, commit, authorize } = await startCodeHarness(t);
    const [mallToken, pandaToken] = [await authorize(mall.appid), await authorize(panda.appid)];
    assert.deepEqual(simulator.setAuditQuota({ rest: 1 }), { rest: 1, limit: 20, speedupRest: 3, speedupLimit: 3 });
    for (const token of [mallToken, pandaToken]) assert.equal((await commit(token)).errcode, 0);
    simulator.advanceClock(61);
    assert.equal((await wxa("/wxa/submit_audit", mallToken)).errcode, 0);
    assert.equal((await wxa("/wxa/submit_audit", pandaToken)).errcode, 85085, "the platform's last one went to the other mini program");
    assert.deepEqual(await get("/wxa/queryquota", pandaToken), {
      errcode: 0,
      errmsg: "ok",
      rest: 0,
      limit: 20,
      speedup_rest: 3,
      speedup_limit: 3,
    });
    assert.equal(simulator.auditQuota().rest, 0);
    assert.deepEqual(
      [mall.appid, panda.appid].map((appid) => simulator.calls({ api: "wxa/submit_audit", appid }).length),
      [1, 1],
    );
    assert.equal(simulator.calls({ api: "wxa/submit_audit" })[1].appid, panda.appid, "each call names the account its token acts for");

    simulator.setConfig({ auditQuotaLimit: 25 });
    assert.equal((await get("/wxa/queryquota", mallToken)).rest, 5, "a new limit applies to what was used this month");
    simulator.setAccountProfile({ appid: panda.appid, isComplete: false });
    assert.equal((await wxa("/wxa/submit_audit", pandaToken)).errcode, 86002);
    simulator.setAccountProfile({ appid: panda.appid, isComplete: true });
    assert.equal((await wxa("/wxa/submit_audit", pandaToken)).errcode, 0);
    assert.equal(simulator.auditQuota().rest, 4);
  });

  it("withdraws audits 5 times a day and 10 a month (87013), and speeds one up once per quota (89402, 89404, 89405)", async (t) => {
    // The token outlives the days this test skips.
    const { simulator, wxa, get, commit, authorize } = await startCodeHarness(t, {
      reviewSeconds: 0,
      authorizerTokenLifetimeSeconds: 864_000,
    });
    const token = await authorize(mall.appid);
    assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 85012, "nothing in review");
    assert.equal((await commit(token)).errcode, 0);
    simulator.advanceClock(61);
    const submit = async () => (await wxa("/wxa/submit_audit", token)).auditid as number;
    for (let undone = 0; undone < 5; undone += 1) {
      const auditid = await submit();
      assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 0);
      assert.equal((await wxa("/wxa/get_auditstatus", token, { body: { auditid } })).status, 3);
    }
    await submit();
    assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 87013, "5 a day");
    simulator.advanceClock(86_400);
    for (let undone = 0; undone < 5; undone += 1) {
      assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 0);
      await submit();
    }
    assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 87013, "10 a month");
    simulator.advanceClock(86_400);
    assert.equal((await get("/wxa/undocodeaudit", token)).errcode, 87013, "still this month");
    assert.deepEqual(simulator.miniProgram(mall.appid).undoCount, { today: 0, thisMonth: 10 });

    // Speed-ups: the audit in review only, once, from the platform's monthly speed-ups.
    simulator.setConfig({ reviewSeconds: 40 });
    const { auditid } = simulator.miniProgram(mall.appid).audits.at(-1)!;
    assert.equal((await wxa("/wxa/speedupaudit", token, { body: { auditid: auditid - 1 } })).errcode, 89402);
    assert.equal((await wxa("/wxa/speedupaudit", token, { body: { auditid } })).errcode, 0);
    assert.equal((await wxa("/wxa/speedupaudit", token, { body: { auditid } })).errcode, 89404);
    assert.equal((await get("/wxa/queryquota", token)).speedup_rest, 2);
    simulator.advanceClock(10);
    assert.equal((await wxa("/wxa/get_auditstatus", token, { body: { auditid } })).status, 0, "decided after a quarter of reviewSeconds");
    simulator.setAuditQuota({ rest: 5, speedupRest: 0 });
    const next = await submit();
    assert.equal((await wxa("/wxa/speedupaudit", token, { body: { auditid: next } })).errcode, 89405);
  });

  it("follows the account's plan: a delay pushes weapp_audit_delay, then passes; a planned failure carries its reason", async (t) => {
    const { simulator, platform, wxa, get, commit, commitAndSubmit, authorize } = await startCodeHarness(t);
    const token = await authorize(mall.appid);
    simulator.setAuditPlan({ appid: mall.appid, outcome: "delay", reason: "排队中" });
    const auditid = await commitAndSubmit(token, "2.0.0");
    simulator.advanceClock(30);
    assert.deepEqual(await wxa("/wxa/get_auditstatus", token, { body: { auditid } }), {
      errcode: 0,
      errmsg: "ok",
      status: 4,
      reason: "排队中",
    });
    const delay = await waitForMessage(platform, (event) => event === "weapp_audit_delay");
    assert.deepEqual(
      [delay.message.fields.Reason, delay.message.fields.DelayTime],
      ["排队中", String(Math.floor(simulator.now().getTime() / 1000))],
    );
    assert.equal((await wxa("/wxa/submit_audit", token)).errcode, 85009, "a delayed audit is still in review");
    // Committing while an audit is pending is allowed; the audit keeps the code it was sent with.
    assert.equal((await commit(token, { user_version: "2.0.1" })).errcode, 0);
    simulator.advanceClock(30);
    assert.equal((await wxa("/wxa/get_auditstatus", token, { body: { auditid } })).status, 0);
    await waitForMessage(platform, (event) => event === "weapp_audit_success");
    assert.equal((await get("/wxa/get_latest_auditstatus", token)).user_version, "2.0.0");

    simulator.setAuditPlan({ appid: mall.appid, outcome: "fail", reason: "2:缺少隐私说明", screenshots: ["m1"] });
    simulator.advanceClock(61);
    const failed = (await wxa("/wxa/submit_audit", token)).auditid;
    simulator.advanceClock(30);
    const latest = await get("/wxa/get_latest_auditstatus", token);
    assert.deepEqual(
      [latest.auditid, latest.status, latest.reason, latest.ScreenShot, latest.screenshot],
      [failed, 1, "2:缺少隐私说明", "m1", "m1"],
    );
    assert.equal(simulator.miniProgram(mall.appid).plan, null, "a plan is used once");

    simulator.setConfig({ canCommitDuringAudit: false, reviewSeconds: 0 });
    simulator.advanceClock(61);
    assert.equal((await wxa("/wxa/submit_audit", token)).errcode, 0);
    assert.equal((await commit(token, { user_version: "2.0.2" })).errcode, 85009, "configurable: no commit while in review");
    simulator.advanceClock(3600);
    assert.equal(simulator.miniProgram(mall.appid).audits.at(-1)?.status, 2, "reviewSeconds 0: only the control API decides");
  });

  it("keeps each platform's library, quota, slots and events its own", async (t) => {
    const { simulator, platform, platformB, tokenA, tokenB, wxa, get, commit, authorize } = await startCodeHarness(t);
    const viaA = await authorize(mall.appid);
    const viaB = await authorize(mall.appid, { platform: B });
    const { draftId } = simulator.addTemplateDraft({ componentAppid: B.componentAppid, userVersion: "9.0.0", userDesc: "B 的模板" });
    assert.equal(draftId, 13);
    assert.equal((await get("/wxa/gettemplatedraftlist", tokenA)).draft_list.length, 3, "A's draft box is untouched");
    assert.equal((await wxa("/wxa/addtotemplate", tokenB, { body: { draft_id: draftId } })).errcode, 0);
    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: draftId } })).errcode, 85064);
    assert.equal((await get("/wxa/gettemplatelist", tokenA)).template_list.length, 3);
    assert.equal((await get("/wxa/gettemplatelist", tokenB)).template_list.at(-1).template_id, 4);

    simulator.setAuditQuota({ componentAppid: B.componentAppid, rest: 1 });
    assert.equal((await commit(viaB, { template_id: 4, user_version: "9.0.0" })).errcode, 0);
    assert.equal((await commit(viaA, { template_id: 4 })).errcode, 85014, "B's template is not A's");
    assert.equal((await commit(viaA, { user_version: "1.0.0" })).errcode, 0);
    simulator.advanceClock(61);
    const auditB = (await wxa("/wxa/submit_audit", viaB)).auditid;
    assert.equal((await wxa("/wxa/submit_audit", viaA)).errcode, 0, "A's slots have their own audit");
    assert.deepEqual([(await get("/wxa/queryquota", viaA)).rest, (await get("/wxa/queryquota", viaB)).rest], [19, 0]);
    assert.equal((await wxa("/wxa/get_auditstatus", viaA, { body: { auditid: auditB } })).errcode, 85012);
    assert.deepEqual(
      [simulator.miniProgram(mall.appid).trial?.templateId, simulator.miniProgram(mall.appid, B.componentAppid).trial?.templateId],
      [1, 4],
    );

    await simulator.decideAudit({ appid: mall.appid, componentAppid: B.componentAppid, outcome: "pass" });
    const event = await waitForMessage(platformB, (name) => name === "weapp_audit_success");
    assert.equal(event.appid, mall.appid, "sealed with B's keys, opened by B's credentials");
    assert.equal(platform.messages.length, 0, "nothing went to A");
    assert.equal((await wxa("/wxa/submit_audit", viaB)).errcode, 85085);
    assert.equal(simulator.miniProgram(mall.appid).audits.at(-1)?.status, 2, "A's audit is still in review");
  });
});
