import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { RELEASE_CHECK_ACCOUNTS } from "../lib/wechat/release-check";
import { SEED_ACCOUNTS } from "./accounts";
import { answerLikeAReleasedPlatform, startFakePlatform } from "./platform-test-support";
import { startHarness } from "./test-support";

/** A simulator whose notify and message URLs both go to one fake platform. */
const startChecked = async (t: TestContext, releaseCheckWaitMs = 2000) => {
  const platform = await startFakePlatform();
  t.after(() => platform.close());
  const harness = await startHarness(t, { notifyUrl: platform.notifyUrl, messageUrl: platform.messageUrl, releaseCheckWaitMs });
  return { ...harness, platform };
};

const stepsOf = (run: { steps: { appid: string; step: string; ok: boolean }[] }) =>
  run.steps.map((step) => `${step.appid} ${step.step} ${step.ok ? "pass" : "fail"}`);

describe("[SIMULATOR][RELEASE CHECK] WeChat's 全网发布接入检测", () => {
  it("passes a platform that answers like a released one, on the group's two test accounts", async (t) => {
    const { simulator, platform } = await startChecked(t);
    answerLikeAReleasedPlatform(platform, () => simulator.url);
    const run = await simulator.runReleaseCheck({ group: 2 });
    const [oa, mp] = RELEASE_CHECK_ACCOUNTS.filter((account) => account.group === 2);
    const steps = ["authorization", "text", "api_text", "event", "cancellation"];
    assert.deepEqual(stepsOf(run), [
      `${oa.appid} ticket pass`,
      ...steps.map((step) => `${oa.appid} ${step} pass`),
      ...steps.map((step) => `${mp.appid} ${step} pass`),
    ]);
    assert.equal(run.status, "passed");
    assert.ok(run.finishedAt);

    const accounts = simulator.accounts();
    assert.equal(accounts.length, SEED_ACCOUNTS.length + 2, "the test accounts are added on demand, not seeded");
    const added = accounts.find((account) => account.appid === oa.appid)!;
    assert.deepEqual([added.userName, added.nickName, added.authorization?.isActive], [oa.userName, "全网发布测试公众号 2", false]);
    assert.ok(added.authorization?.funcIds.includes(1), "the checker needs message management");
    assert.equal(accounts.find((account) => account.appid === mp.appid)?.nickName, "全网发布测试小程序 2");

    const replies = simulator.messages().map((message) => (message.reply.kind === "text" ? message.reply.content : message.reply.kind));
    assert.deepEqual(replies, [
      "TESTCOMPONENT_MSG_TYPE_TEXT_callback",
      "none",
      "LOCATIONfrom_callback",
      "TESTCOMPONENT_MSG_TYPE_TEXT_callback",
      "none",
      "user_enter_tempsessionfrom_callback",
    ]);
    assert.deepEqual(
      simulator.customMessages().map((message) => message.content.endsWith("_from_api")),
      [true, true],
    );
    assert.deepEqual(simulator.releaseChecks()[0], run);
  });

  it("fails a platform that answers success to everything, saying what was expected", async (t) => {
    const { simulator } = await startChecked(t, 300);
    const run = await simulator.runReleaseCheck({ group: 1 });
    const [oa] = RELEASE_CHECK_ACCOUNTS;
    assert.equal(run.status, "failed");
    const byStep = (step: string) => run.steps.find((item) => item.appid === oa.appid && item.step === step)!;
    assert.equal(byStep("ticket").ok, true);
    assert.equal(byStep("cancellation").ok, true);
    assert.equal(byStep("authorization").ok, false);
    assert.match(byStep("authorization").detail, /did not exchange the AuthorizationCode with api_query_auth within 0.3 s/);
    assert.equal(byStep("text").ok, false);
    assert.equal(byStep("text").detail, 'expected the passive reply TESTCOMPONENT_MSG_TYPE_TEXT_callback, got "success"');
    assert.equal(byStep("api_text").ok, false);
    assert.match(byStep("api_text").detail, /^expected an empty body at once, got "success"; api_query_auth was not called with the code/);
    assert.match(byStep("api_text").detail, /no message\/custom\/send with ".+_from_api" arrived within 0.3 s$/);
    assert.equal(byStep("event").detail, 'expected the passive reply LOCATIONfrom_callback, got "success"');
    assert.deepEqual(
      run.steps.filter((step) => !step.ok).map((step) => step.step),
      ["authorization", "text", "api_text", "event", "authorization", "text", "api_text", "event"],
    );
  });

  it("runs over /__sim/release-check: waits when asked, else starts at once, one run at a time, progress on the page", async (t) => {
    const { simulator, platform } = await startChecked(t);
    answerLikeAReleasedPlatform(platform, () => simulator.url);
    const post = (body: unknown) =>
      fetch(`${simulator.url}/__sim/release-check`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const finished = (await (await post({ group: 3, wait: true })).json()) as { id: number; status: string; steps: unknown[] };
    assert.deepEqual([finished.status, finished.steps.length], ["passed", 11]);
    const page = await (await fetch(`${simulator.url}/__sim/`)).text();
    assert.doesNotMatch(page, /http-equiv="refresh"/, "no refresh when nothing runs");
    assert.equal(page.match(/data-testid="release-check-step" data-step="[a-z_]+" data-appid="[^"]+" data-ok="true"/g)?.length, 11);

    const form = await fetch(`${simulator.url}/__sim/release-check`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "group=random",
      redirect: "manual",
    });
    assert.deepEqual([form.status, form.headers.get("location")], [303, "/__sim/#release-check"]);
    const runs = (await (await fetch(`${simulator.url}/__sim/release-check`)).json()) as { id: number; status: string }[];
    assert.deepEqual(
      runs.map((run) => [run.id, run.status]),
      [
        [finished.id + 1, "running"],
        [finished.id, "passed"],
      ],
    );
    assert.equal((await post({ group: 6 })).status, 400);
    assert.equal((await post({})).status, 409, "one run at a time");
    const running = await (await fetch(`${simulator.url}/__sim/`)).text();
    // A new URL each time: a refresh to the same URL with a #fragment would be a fragment jump, not a reload.
    assert.match(running, /<meta http-equiv="refresh" content="2; url=\/__sim\/\?at=\d+#release-check">/);
    assert.match(running, new RegExp(`data-testid="release-check-run" data-run-id="${finished.id + 1}" data-status="running"`));
    // Closing the simulator mid-run ends the run: every later step fails fast.
  });
});
