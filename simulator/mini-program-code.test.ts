import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED_ACCOUNTS } from "./accounts";
import { startCodeHarness, waitForMessage } from "./mini-program-test-support";
import { TEST_CREDENTIALS } from "./test-support";

// Mini Program code management (§11) through the real HTTP API with real tokens: the template library, then a mini
// program's way from commit to review, release and rollback.

const coffee = SEED_ACCOUNTS.find((account) => account.kind === "official_account")!;
const [mall, panda] = SEED_ACCOUNTS.filter((account) => account.kind === "mini_program");

describe("[SIMULATOR][MINI PROGRAM CODE] templates, commit, review, release", () => {
  it("keeps the platform's template library: drafts from the developer tools, templates, deletion, the 200 cap", async (t) => {
    const { simulator, tokenA, wxa, get, authorize } = await startCodeHarness(t);
    const drafts = await get("/wxa/gettemplatedraftlist", tokenA);
    assert.deepEqual(
      drafts.draft_list.map((draft: { draft_id: number }) => draft.draft_id),
      [3, 7, 12],
    );
    const { draftId } = simulator.addTemplateDraft({
      userVersion: "3.0.0",
      userDesc: "新版商城",
      pages: ["pages/index/index", "pages/new/index"],
    });
    assert.equal(draftId, 13);
    // The component token is accepted as component_access_token too (§11.0).
    const byLegacyName = await (await fetch(`${simulator.url}/wxa/gettemplatedraftlist?component_access_token=${tokenA}`)).json();
    assert.deepEqual(byLegacyName.draft_list.at(-1), {
      create_time: Math.floor(simulator.now().getTime() / 1000),
      user_version: "3.0.0",
      user_desc: "新版商城",
      draft_id: 13,
    });

    assert.equal(
      (await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: "13", template_type: 0 } })).errcode,
      0,
      "a numeric string id works",
    );
    const list = await get("/wxa/gettemplatelist", tokenA);
    assert.deepEqual(
      list.template_list.map((template: { template_id: number; draft_id: number }) => [template.template_id, template.draft_id]),
      [
        [1, 3],
        [2, 7],
        [3, 12],
        [4, 13],
      ],
    );
    const standard = await get("/wxa/gettemplatelist", tokenA, { template_type: "1" });
    assert.deepEqual(
      standard.template_list.map((template: { template_id: number }) => template.template_id),
      [3],
    );
    assert.equal(standard.template_list[0].audit_status, 0, "standard templates carry their audit fields");

    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: 999 } })).errcode, 85064);
    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: 13, template_type: 2 } })).errcode, 47001);
    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { body: "" })).errcode, 44002);
    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { method: "GET" })).errcode, 43002);
    assert.equal((await wxa("/wxa/gettemplatedraftlist", tokenA)).errcode, 43001, "a GET API refuses POST");
    assert.equal((await wxa("/wxa/deletetemplate", tokenA, { body: { template_id: 4 } })).errcode, 0);
    assert.equal((await wxa("/wxa/deletetemplate", tokenA, { body: { template_id: 4 } })).errcode, 85064);
    assert.equal((await get("/wxa/gettemplatelist", tokenA)).template_list.length, 3);
    assert.equal((await get("/wxa/gettemplatelist", await authorize(mall.appid))).errcode, 61014, "the component token only");

    for (let count = 3; count < 200; count += 1) await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: 3 } });
    assert.equal((await get("/wxa/gettemplatelist", tokenA)).template_list.length, 200);
    assert.equal((await wxa("/wxa/addtotemplate", tokenA, { body: { draft_id: 3 } })).errcode, 85065);
  });

  it("commits, shows pages and the trial QR code, reviews (fail pushed, then pass), releases, lists history and rolls back", async (t) => {
    const { simulator, platform, wxa, get, request, commit, authorize } = await startCodeHarness(t);
    const token = await authorize(mall.appid);
    assert.equal((await get("/wxa/get_page", token)).errcode, 86001);
    const noCode = await request("/wxa/get_qrcode", token, { method: "GET" });
    assert.match(noCode.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal((await noCode.json()).errcode, 86001);
    assert.equal((await wxa("/wxa/submit_audit", token)).errcode, 85086);

    // ext_json is a string of JSON checked against the template's pages.
    const raw = (ext_json: unknown, template_id: unknown = 1) =>
      wxa("/wxa/commit", token, { body: { template_id, ext_json, user_version: "1.0.0", user_desc: "x" } });
    assert.equal((await raw({ extAppid: mall.appid })).errcode, 47001, "an object, not a string");
    assert.equal((await raw("{not json")).errcode, 85048);
    assert.equal((await raw(JSON.stringify({ pages: ["pages/index/index", "pages/nowhere/index"] }))).errcode, 85045);
    assert.equal((await raw(JSON.stringify({ tabBar: { list: [{ text: "首页" }] } }))).errcode, 85046);
    assert.equal((await raw("{}", 999)).errcode, 85014);
    assert.equal((await raw(JSON.stringify({ extAppid: mall.appid, requiredPrivateInfos: ["getLocation"] }), 3)).errcode, 9402203);
    assert.equal(
      (await raw(JSON.stringify({ extAppid: mall.appid, ext: {}, window: {} }), "3")).errcode,
      0,
      "a standard template's own keys",
    );
    const pages = ["pages/index/index", "pages/shop/list"];
    const ext = { extAppid: mall.appid, ext: { shopId: 7 }, pages, tabBar: { list: [{ pagePath: "pages/index/index", text: "首页" }] } };
    assert.equal((await commit(token, { ext, user_version: "1.0.0" })).errcode, 0);
    assert.deepEqual((await get("/wxa/get_page", token)).page_list, pages);

    const qrcode = await request("/wxa/get_qrcode", token, { method: "GET", query: { path: "pages/index/index?from=test" } });
    assert.equal(qrcode.headers.get("content-type"), "image/jpeg");
    assert.equal(qrcode.headers.get("content-disposition"), 'attachment; filename="QRCode.jpg"');
    const jpeg = Buffer.from(await qrcode.arrayBuffer());
    assert.deepEqual([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)], [0xff, 0xd8, 0xff, 0xd9], "a whole JPEG, SOI to EOI");

    const [category] = (await get("/wxa/get_category", token)).category_list;
    assert.deepEqual([category.first_class, category.second_class], ["商家自营", "家居家饰"]);
    assert.ok(Number.isInteger(category.first_id) && Number.isInteger(category.second_id));
    const item = { address: "pages/shop/list", tag: "竹子 家居", title: "商品列表", ...category };
    const submit = (body: unknown) => wxa("/wxa/submit_audit", token, { body });
    assert.equal((await submit({ item_list: [item] })).errcode, 61039, "the privacy scan runs for a minute after commit");
    simulator.advanceClock(61);
    assert.equal((await submit({ item_list: Array(6).fill(item) })).errcode, 85023);
    assert.equal((await submit({ item_list: [{ ...item, second_id: 1 }] })).errcode, 85008);
    assert.equal((await submit({ item_list: [{ ...item, address: "pages/cart/index" }] })).errcode, 85007, "not among the committed pages");
    assert.equal((await submit({ item_list: [item], preview_info: [] })).errcode, 47001);
    const first = await submit({ item_list: [item], version_desc: "首个版本" });
    assert.equal(first.errcode, 0);
    assert.ok(Number.isInteger(first.auditid));
    assert.equal((await wxa("/wxa/get_auditstatus", token, { body: { auditid: first.auditid } })).status, 2);
    const latest = await get("/wxa/get_latest_auditstatus", token);
    assert.deepEqual(
      [latest.auditid, latest.status, latest.user_version, latest.ScreenShot, latest.screenshot],
      [first.auditid, 2, "1.0.0", "", ""],
    );
    assert.equal((await submit({})).errcode, 85009, "one audit at a time");

    const { audit, message } = await simulator.decideAudit({
      appid: mall.appid,
      outcome: "fail",
      reason: "1:类目不符<br>",
      screenshots: ["shot_1", "shot_2"],
    });
    assert.deepEqual([audit.status, audit.reason, message?.ok], [1, "1:类目不符<br>", true]);
    const [failEvent] = platform.messages;
    assert.equal(failEvent.appid, mall.appid, "to the message URL with $APPID$ replaced");
    assert.deepEqual(
      [
        failEvent.message.toUserName,
        failEvent.message.msgType,
        failEvent.message.event,
        failEvent.message.fields.Reason,
        failEvent.message.fields.ScreenShot,
      ],
      [mall.userName, "event", "weapp_audit_fail", "1:类目不符<br>", "shot_1|shot_2"],
    );
    assert.equal(Number(failEvent.message.fields.FailTime), Math.floor(simulator.now().getTime() / 1000));
    assert.equal(simulator.messages().at(-1)?.event, "weapp_audit_fail");
    assert.deepEqual(await wxa("/wxa/get_auditstatus", token, { body: { auditid: first.auditid } }), {
      errcode: 0,
      errmsg: "ok",
      status: 1,
      reason: "1:类目不符<br>",
      screenshot: "shot_1|shot_2",
    });
    assert.equal((await wxa("/wxa/release", token)).errcode, 85019, "nothing passed yet");

    // Fixed and sent again: the review passes by itself after reviewSeconds of simulator time.
    assert.equal((await commit(token, { ext, user_version: "1.0.1" })).errcode, 0);
    simulator.advanceClock(61);
    const second = await submit({ item_list: [item] });
    assert.ok(second.auditid > first.auditid);
    simulator.advanceClock(simulator.config.reviewSeconds);
    assert.equal((await wxa("/wxa/get_auditstatus", token, { body: { auditid: second.auditid } })).status, 0);
    const success = await waitForMessage(platform, (event) => event === "weapp_audit_success");
    assert.equal(Number(success.message.fields.SuccTime), Math.floor(simulator.now().getTime() / 1000));
    assert.equal(simulator.miniProgram(mall.appid).pending?.auditid, second.auditid);

    assert.equal((await wxa("/wxa/release", token, { body: "" })).errcode, 44002, "the literal body {} is required");
    assert.equal((await wxa("/wxa/release", token)).errcode, 0);
    assert.equal((await wxa("/wxa/release", token)).errcode, 85052);
    const info = await wxa("/wxa/getversioninfo", token);
    assert.deepEqual([info.exp_info.exp_version, info.release_info.release_version], ["1.0.1", "1.0.1"]);
    assert.equal((await wxa("/wxa/getvisitstatus", token)).status, 1);
    assert.equal((await wxa("/wxa/change_visitstatus", token, { body: { action: "close" } })).errcode, 0);
    assert.equal((await wxa("/wxa/change_visitstatus", token, { body: { action: "close" } })).errcode, 85021);
    assert.equal((await wxa("/wxa/change_visitstatus", token, { body: { action: "pause" } })).errcode, 85022);
    assert.equal((await wxa("/wxa/getvisitstatus", token)).status, 0);
    assert.deepEqual((await get("/wxa/revertcoderelease", token, { action: "get_history_version" })).version_list, []);
    assert.equal((await get("/wxa/revertcoderelease", token)).errcode, 87012, "nothing to go back to");

    // A second release: the first goes on the history, and a rollback brings it back once.
    assert.equal((await commit(token, { ext, user_version: "1.0.2" })).errcode, 0);
    simulator.advanceClock(61);
    assert.equal((await submit({})).errcode, 0);
    await simulator.decideAudit({ appid: mall.appid, outcome: "pass" });
    assert.equal((await wxa("/wxa/release", token)).errcode, 0);
    assert.equal((await wxa("/wxa/getvisitstatus", token)).status, 1, "a release opens the service again");
    const history = await get("/wxa/revertcoderelease", token, { action: "get_history_version" });
    assert.deepEqual(
      history.version_list.map((version: { app_version: number; user_version: string }) => [version.app_version, version.user_version]),
      [[1, "1.0.1"]],
    );
    assert.equal((await get("/wxa/revertcoderelease", token)).errcode, 0);
    assert.equal((await wxa("/wxa/getversioninfo", token)).release_info.release_version, "1.0.1");
    assert.equal((await get("/wxa/revertcoderelease", token)).errcode, 87012, "already rolled back");
    assert.equal((await get("/wxa/revertcoderelease", token, { app_version: "9" })).errcode, 87012);
    assert.equal((await get("/wxa/revertcoderelease", token, { app_version: "2" })).errcode, 0, "a named version still works");
    const view = simulator.miniProgram(mall.appid);
    assert.deepEqual(
      [view.online?.appVersion, view.online?.userVersion, view.history.map((version) => version.appVersion)],
      [2, "1.0.2", [1]],
    );
    assert.deepEqual(
      view.audits.map((item) => [item.statusName, item.isReleased]),
      [
        ["rejected", false],
        ["passed", true],
        ["passed", true],
      ],
    );
    assert.deepEqual(
      view.audits[0].events.map((event) => event.event),
      ["weapp_audit_fail"],
    );
    assert.equal(simulator.calls({ api: "wxa/commit", appid: mall.appid }).length, 10);
  });

  it("answers 61007 without permission set 18 (or to an Official Account), and 44002 to an empty POST", async (t) => {
    const { wxa, get, authorize } = await startCodeHarness(t);
    const pandaToken = await authorize(panda.appid, { funcIds: [17, 19] });
    for (const path of ["/wxa/commit", "/wxa/submit_audit", "/wxa/release", "/cgi-bin/component/setprivacysetting"]) {
      assert.equal((await wxa(path, pandaToken)).errcode, 61007, path);
    }
    assert.equal((await get("/wxa/queryquota", pandaToken)).errcode, 61007);
    const coffeeToken = await authorize(coffee.appid);
    assert.equal((await get("/wxa/get_page", coffeeToken)).errcode, 61007);
    const mallToken = await authorize(mall.appid);
    for (const path of [
      "/wxa/commit",
      "/wxa/getvisitstatus",
      "/wxa/getversioninfo",
      "/wxa/grayrelease",
      "/cgi-bin/component/getprivacysetting",
    ]) {
      assert.equal((await wxa(path, mallToken, { body: "" })).errcode, 44002, path);
    }
    assert.deepEqual(await wxa("/wxa/getversioninfo", mallToken), { errcode: 0, errmsg: "ok" }, "no trial nor online version yet");
    assert.equal((await get("/wxa/get_page", TEST_CREDENTIALS.componentAppid)).errcode, 40001);
  });
});
