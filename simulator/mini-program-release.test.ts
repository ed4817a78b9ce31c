import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED_ACCOUNTS } from "./accounts";
import { startCodeHarness, waitForMessage } from "./mini-program-test-support";

// Gray release, domains and the privacy guide (§11.2.5, §11.4, §11.5), and the control surface of code management.

const [mall, panda] = SEED_ACCOUNTS.filter((account) => account.kind === "mini_program");

describe("[SIMULATOR][MINI PROGRAM RELEASE] gray release, domains, privacy, control", () => {
  it("applies the gray release rules (85079-85082), blocks rollback while graying (87011) and ends the plan on release", async (t) => {
    const { simulator, wxa, get, commitAndSubmit, authorize } = await startCodeHarness(t);
    const [token, pandaToken] = [await authorize(mall.appid), await authorize(panda.appid)];
    const gray = (percentage: unknown, as = token) => wxa("/wxa/grayrelease", as, { body: { gray_percentage: percentage } });
    const plan = async () => (await get("/wxa/getgrayreleaseplan", token)).gray_release_plan;

    await commitAndSubmit(pandaToken, "1.0.0");
    await simulator.decideAudit({ appid: panda.appid, outcome: "pass" });
    assert.equal((await gray(10, pandaToken)).errcode, 85079, "nothing online to gray from");

    await commitAndSubmit(token, "1.0.0");
    await simulator.decideAudit({ appid: mall.appid, outcome: "pass" });
    assert.equal((await wxa("/wxa/release", token)).errcode, 0);
    assert.deepEqual(await plan(), {
      status: 0,
      create_timestamp: 0,
      gray_percentage: 0,
      support_experiencer_first: false,
      support_debuger_first: false,
    });
    await commitAndSubmit(token, "1.1.0");
    assert.equal((await gray(10)).errcode, 85080, "the latest audit has not passed");
    await simulator.decideAudit({ appid: mall.appid, outcome: "pass" });
    for (const bad of [0, 101, 12.5, "10"]) assert.equal((await gray(bad)).errcode, 85081, String(bad));
    assert.equal((await gray(10)).errcode, 0);
    assert.deepEqual([(await plan()).status, (await plan()).gray_percentage], [1, 10]);
    assert.equal((await gray(10)).errcode, 85082);
    assert.equal((await gray(5)).errcode, 85082);
    assert.equal((await gray(30)).errcode, 0);
    assert.equal((await get("/wxa/revertcoderelease", token)).errcode, 87011);
    assert.equal((await get("/wxa/revertgrayrelease", token)).errcode, 0);
    assert.equal((await plan()).status, 4);
    assert.equal((await gray(20)).errcode, 0, "a new plan after the old one was cancelled");
    assert.equal((await wxa("/wxa/getversioninfo", token)).release_info.release_version, "1.0.0", "graying is not releasing");
    assert.equal((await wxa("/wxa/release", token)).errcode, 0);
    assert.deepEqual([(await plan()).status, (await plan()).gray_percentage], [3, 100]);
    assert.equal((await wxa("/wxa/getversioninfo", token)).release_info.release_version, "1.1.0");
    assert.equal((await gray(50)).errcode, 85052, "already released to everyone");

    await commitAndSubmit(token, "1.2.0");
    await simulator.decideAudit({ appid: mall.appid, outcome: "pass" });
    assert.equal((await gray(100)).errcode, 0, "100% publishes");
    assert.deepEqual(
      [(await plan()).status, simulator.miniProgram(mall.appid).online?.userVersion, simulator.miniProgram(mall.appid).history.length],
      [3, "1.2.0", 2],
    );
  });

  it("sets server domains directly (invalid_* lists, 85301) and keeps the privacy guide (86069, 86071, 86074)", async (t) => {
    const { simulator, tokenA, wxa, commit, commitAndSubmit, authorize } = await startCodeHarness(t);
    const token = await authorize(mall.appid);
    const domains = (body: unknown) => wxa("/wxa/modify_domain_directly", token, { body });
    assert.deepEqual((await domains({ action: "get" })).requestdomain, ["https://api.bamboo-mall.example"], "the account's own domains");
    const added = await domains({
      action: "add",
      requestdomain: ["https://A.example.com", "http://plain.example.com"],
      wsrequestdomain: ["wss://https://x", "wss://ws.example.com:8443"],
    });
    assert.equal(added.errcode, 0);
    assert.deepEqual(added.requestdomain, ["https://api.bamboo-mall.example", "https://a.example.com"]);
    assert.deepEqual(added.wsrequestdomain, ["wss://ws.example.com:8443"]);
    assert.deepEqual([added.invalid_requestdomain, added.invalid_wsrequestdomain], [["http://plain.example.com"], ["wss://https://x"]]);
    const nothing = await domains({ action: "add", requestdomain: ["https://a.example.com", "https://10.0.0.1"] });
    assert.deepEqual([nothing.errcode, nothing.invalid_requestdomain], [85301, ["https://10.0.0.1"]]);
    assert.equal((await domains({ action: "delete", requestdomain: ["https://b.example.com"] })).errcode, 85301, "nothing to delete");
    assert.equal((await domains({ action: "delete", requestdomain: ["https://a.example.com"] })).errcode, 0);
    const set = await domains({ action: "set", requestdomain: ["https://b.example.com"], udpdomain: ["udp://u.example.com"] });
    assert.deepEqual([set.requestdomain, set.udpdomain, set.wsrequestdomain], [["https://b.example.com"], ["udp://u.example.com"], []]);
    assert.equal((await domains({ action: "replace" })).errcode, 47001);
    assert.deepEqual(simulator.miniProgram(mall.appid).domains.requestdomain, ["https://b.example.com"]);

    const privacy = (path: string, body: unknown) => wxa(`/cgi-bin/component/${path}`, token, { body });
    const before = await privacy("getprivacysetting", {});
    assert.deepEqual([before.code_exist, before.privacy_list, before.setting_list], [0, [], []]);
    assert.ok(before.privacy_desc.privacy_desc_list.some((item: { privacy_key: string }) => item.privacy_key === "Location"));
    const owner = { contact_phone: "13800000000", notice_method: "弹窗" };
    const setting_list = [{ privacy_key: "Location", privacy_text: "推荐附近门店" }];
    assert.equal((await privacy("setprivacysetting", { owner_setting: { notice_method: "弹窗" }, setting_list })).errcode, 86069);
    assert.equal((await privacy("setprivacysetting", { owner_setting: { contact_qq: "1" }, setting_list })).errcode, 86069);
    assert.equal((await privacy("setprivacysetting", { privacy_ver: 3, owner_setting: owner, setting_list })).errcode, 86071);
    assert.equal((await privacy("setprivacysetting", { privacy_ver: 1, owner_setting: owner })).errcode, 86074, "no live guide yet");
    assert.equal((await privacy("setprivacysetting", { owner_setting: owner, setting_list })).errcode, 0);
    const componentTokenCall = await fetch(`${simulator.url}/cgi-bin/component/getprivacysetting?access_token=${tokenA}`, {
      method: "POST",
      body: "{}",
    });
    assert.equal((await componentTokenCall.json()).errcode, 61015, "the mini program's own token, despite the component path");

    assert.equal((await commit(token, { ext: { extAppid: mall.appid, requiredPrivateInfos: ["getLocation"] } })).errcode, 0);
    const draft = await privacy("getprivacysetting", {});
    assert.deepEqual(
      [draft.code_exist, draft.privacy_list, draft.setting_list, draft.owner_setting],
      [1, ["UserInfo", "Location"], setting_list, owner],
    );
    await commitAndSubmit(token, "1.0.0");
    await simulator.decideAudit({ appid: mall.appid, outcome: "pass" });
    assert.equal((await wxa("/wxa/release", token)).errcode, 0);
    assert.deepEqual((await privacy("getprivacysetting", { privacy_ver: 1 })).setting_list, setting_list, "live with the release");
    assert.equal(
      (await privacy("setprivacysetting", { privacy_ver: 1, owner_setting: { ...owner, contact_phone: "13900000000" } })).errcode,
      0,
    );
    assert.equal((await privacy("getprivacysetting", { privacy_ver: 1 })).owner_setting.contact_phone, "13900000000");
    assert.equal(simulator.calls({ api: "setprivacysetting", appid: mall.appid }).length, 6);
  });

  it("drives code management over /__sim/ and its page, for bulk mini programs too", async (t) => {
    const { simulator, platform, authorize, commitAndSubmit, wxa } = await startCodeHarness(t);
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${simulator.url}/__sim${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    };
    const bulk = simulator.addAccounts(300, { kind: "mini_program", authorize: true });
    assert.ok(simulator.miniPrograms().length >= 300);
    const [shop] = bulk;
    const token = await authorize(shop.appid);

    assert.deepEqual((await control("POST", "/template-drafts", { userVersion: "5.0.0", pages: ["pages/index/index"] })).json, {
      draftId: 13,
    });
    assert.equal((await control("POST", "/template-drafts", { userVersion: "" })).status, 400);
    assert.equal((await control("GET", "/template-library")).json.drafts.at(-1).userVersion, "5.0.0");
    const form = await fetch(`${simulator.url}/__sim/template-drafts`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ userVersion: "5.0.1", userDesc: "表单", pages: "pages/index/index, pages/shop/list" }),
      redirect: "manual",
    });
    assert.deepEqual([form.status, form.headers.get("location")], [303, "/__sim/mini-programs"]);
    assert.deepEqual(simulator.templateLibrary().drafts.at(-1)?.pages, ["pages/index/index", "pages/shop/list"]);

    assert.equal(
      (await control("POST", `/mini-programs/${shop.appid}/audit-decision`, { outcome: "pass" })).status,
      409,
      "nothing in review",
    );
    assert.equal((await control("POST", `/mini-programs/${shop.appid}/audit-plan`, { outcome: "fail", reason: "页面空白" })).status, 200);
    const auditid = await commitAndSubmit(token, "0.1.0");
    const viewed = (await control("GET", `/mini-programs/${shop.appid}`)).json;
    assert.deepEqual([viewed.audits[0].auditid, viewed.audits[0].statusName, viewed.plan.outcome], [auditid, "auditing", "fail"]);
    const decided = await control("POST", `/mini-programs/${shop.appid}/audit-decision`, { outcome: "delay", reason: "排队" });
    assert.deepEqual([decided.json.audit.status, decided.json.message.ok], [4, true]);
    await waitForMessage(platform, (event) => event === "weapp_audit_delay");
    await control("POST", "/clock", { advanceSeconds: 30 });
    assert.equal(simulator.miniProgram(shop.appid).audits[0].status, 0, "after a delay the review passes");

    assert.deepEqual((await control("POST", "/audit-quota", { rest: 2 })).json, { rest: 2, limit: 20, speedupRest: 3, speedupLimit: 3 });
    assert.equal((await control("GET", "/audit-quota")).json.rest, 2);
    assert.equal((await control("POST", `/mini-programs/${shop.appid}/profile`, { isComplete: false })).json.isComplete, false);
    assert.equal((await wxa("/wxa/submit_audit", token)).errcode, 86002);
    assert.equal((await control("PATCH", "/config", { reviewSeconds: 0, privacyScanSeconds: 0 })).json.reviewSeconds, 0);
    assert.equal((await control("GET", `/mini-programs/${SEED_ACCOUNTS[0].appid}`)).status, 400, "an Official Account");
    assert.deepEqual((await control("GET", "/calls?api=wxa/submit_audit&appid=" + shop.appid)).json.length, 2);

    const page = await (await fetch(`${simulator.url}/__sim/mini-programs`)).text();
    assert.match(page, new RegExp(`data-testid="mini-program-row" data-appid="${shop.appid}"`));
    assert.match(page, /0\.1\.0/);
    assert.match(page, /data-testid="audit-quota"[^>]*data-rest="2"/);
    assert.match(page, /more not shown/, "300 bulk mini programs are more than a page shows");
    assert.match(await (await fetch(`${simulator.url}/__sim/`)).text(), /href="\/__sim\/mini-programs"/);
  });
});
