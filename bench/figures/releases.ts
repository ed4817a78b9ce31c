import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { TFigure } from "../harness/figure";
import { DATA_ENCRYPTION_KEY, IS_QUICK } from "../harness/options";
import { watchPeakRss } from "../harness/processes";
import { addRow, fixed, log, thousands } from "../harness/report";
import { seedSimulatorAccounts } from "../harness/seed";
import { startStack, type TProvider } from "../harness/stack";

// A release campaign (issue 22) over 1,000 Mini Programs with WeChat answering in 200 ms and a large review quota:
// the time until every account is submitted for review (commit, categories, pages, submit_audit, and the token the
// first call needs), against the same calls made one account after another, as a person does in WeChat's console.
// That baseline is measured on BASELINE_SAMPLE accounts in the same run and scaled to the campaign's size. And the
// app's peak resident memory during the campaign.

const LATENCY_MS = 200;
const CAMPAIGN_SIZE = IS_QUICK ? 200 : 1000;
const BASELINE_SAMPLE = IS_QUICK ? 5 : 20;
const MIN_SPEEDUP = 10;
const RSS_TARGET_MB = 300;

const ADMIN_KEY = `wxo_${randomBytes(32).toString("base64url")}`;
const ADMIN = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One account the way a person does it: commit, read the categories and pages, submit; each call waits for the last. */
const submitByHand = async (simulatorUrl: string, token: string, templateId: number) => {
  const call = async (path: string, body?: unknown) => {
    const answer = await fetch(`${simulatorUrl}/${path}${path.includes("?") ? "&" : "?"}access_token=${token}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await answer.json()) as Record<string, unknown>;
    if (json.errcode !== 0) throw new Error(`${path} answered ${JSON.stringify(json)}`);
    return json;
  };
  await call("wxa/commit", { template_id: templateId, ext_json: "{}", user_version: "by-hand", user_desc: "baseline" });
  const { category_list: categories } = (await call("wxa/get_category")) as { category_list: Record<string, unknown>[] };
  const { page_list: pages } = (await call("wxa/get_page")) as { page_list: string[] };
  await call("wxa/submit_audit", { item_list: [{ ...categories[0], address: pages[0] }] });
};

export const releases: TFigure = {
  name: "releases",
  isDefault: true,
  runAlone: async (provider: TProvider) => {
    const stack = await startStack(
      provider,
      {
        DATA_ENCRYPTION_KEY,
        REFRESH_SWEEP_ENABLED: "false",
        RELEASE_PRIVACY_WAIT_SECONDS: "0",
        WECHAT_MAX_CALLS_PER_SECOND: "1000",
        LOG_LEVEL: "error",
      },
      { simulatorConfig: { reviewSeconds: 0, privacyScanSeconds: 0, auditQuotaLimit: 1_000_000 } },
    );
    try {
      const { apps, simulator, db } = stack;
      const [app] = apps;
      await db.apiKey.create({
        data: {
          id: randomUUID(),
          name: "bench admin",
          prefix: ADMIN_KEY.slice(0, 10),
          hash: createHash("sha256").update(ADMIN_KEY).digest("hex"),
          role: "admin",
        },
      });
      log(`seeding ${thousands(CAMPAIGN_SIZE + BASELINE_SAMPLE)} Mini Programs for the release campaign (${provider})`);
      const appids = await seedSimulatorAccounts(simulator, db, CAMPAIGN_SIZE + BASELINE_SAMPLE, () => null, "mini_program");
      const [campaignAppids, sampleAppids] = [appids.slice(0, CAMPAIGN_SIZE), appids.slice(CAMPAIGN_SIZE)];
      const { draftId } = simulator.addTemplateDraft({ userVersion: "9.0.0", userDesc: "bench" });
      const added = await fetch(`${app.url}/api/v1/component/templates`, {
        method: "POST",
        headers: ADMIN,
        body: JSON.stringify({ draftId }),
      });
      if (added.status !== 201) throw new Error(`adding the template answered ${added.status}: ${await added.text()}`);
      const templateId = simulator.templateLibrary().templates.find((template) => template.draftId === draftId)!.templateId;
      simulator.setConfig({ latencyMs: LATENCY_MS });

      // The baseline: a sample of accounts one after another, each with a token in hand (a person signed in).
      const tokens = await Promise.all(
        sampleAppids.map(async (appid) => {
          const answer = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, { headers: ADMIN });
          return ((await answer.json()) as { accessToken: string }).accessToken;
        }),
      );
      log(`one after another: ${BASELINE_SAMPLE} accounts with WeChat answering in ${LATENCY_MS} ms`);
      const handStartedAt = performance.now();
      for (const token of tokens) await submitByHand(simulator.url, token, templateId);
      const perAccount = (performance.now() - handStartedAt) / 1000 / BASELINE_SAMPLE;
      const baselineSeconds = perAccount * CAMPAIGN_SIZE;

      log(`campaign over ${thousands(CAMPAIGN_SIZE)} Mini Programs (${provider})`);
      const memory = watchPeakRss([app]);
      const startedAt = performance.now();
      const created = await fetch(`${app.url}/api/v1/releases`, {
        method: "POST",
        headers: ADMIN,
        body: JSON.stringify({
          templateId,
          userVersion: "9.0.0",
          userDesc: "bench",
          extJson: { extAppid: "{{appid}}" },
          targets: { appids: campaignAppids },
        }),
      });
      if (created.status !== 201)
        throw new Error(`the campaign answered ${created.status}: ${await created.text()}\n${app.output().slice(-3000)}`);
      const { id } = (await created.json()) as { id: string };
      let submitted = 0;
      let failed = 0;
      for (;;) {
        submitted = await db.releaseTarget.count({ where: { campaignId: id, state: { in: ["in_review", "passed", "released"] } } });
        failed = await db.releaseTarget.count({ where: { campaignId: id, state: "failed" } });
        if (submitted + failed >= CAMPAIGN_SIZE) break;
        if (performance.now() - startedAt > 30 * 60_000) throw new Error(`only ${submitted} submitted after 30 minutes`);
        await sleep(250);
      }
      const seconds = (performance.now() - startedAt) / 1000;
      const [peakRssMb] = memory.stop();
      simulator.setConfig({ latencyMs: 0 });
      const submits = simulator
        .calls({ api: "wxa/submit_audit" })
        .filter((call) => call.errcode === 0 && campaignAppids.includes(call.appid ?? "")).length;
      const speedup = baselineSeconds / seconds;
      addRow({
        provider,
        measure: `release campaign over ${thousands(CAMPAIGN_SIZE)} Mini Programs, WeChat ${LATENCY_MS} ms: until all are submitted`,
        wxopen: `${fixed(seconds, 1)} s; ${thousands(submitted)} submitted (${submits} submit calls), ${failed} failed`,
        baseline: `one after another: ${fixed(perAccount, 2)} s an account (measured on ${BASELINE_SAMPLE}) x ${thousands(CAMPAIGN_SIZE)} = ${fixed(baselineSeconds, 0)} s`,
        ratio: `${fixed(speedup, 1)}x faster`,
        target: `>= ${MIN_SPEEDUP}x faster, every account submitted once`,
        isMet: speedup >= MIN_SPEEDUP && submitted === CAMPAIGN_SIZE && submits === CAMPAIGN_SIZE,
      });
      addRow({
        provider,
        measure: `the app's peak RSS during the campaign over ${thousands(CAMPAIGN_SIZE)} Mini Programs`,
        wxopen: `${fixed(peakRssMb, 0)} MB`,
        baseline: `target ${RSS_TARGET_MB} MB`,
        ratio: `${fixed(peakRssMb / RSS_TARGET_MB, 2)}x target`,
        target: `< ${RSS_TARGET_MB} MB`,
        isMet: peakRssMb < RSS_TARGET_MB,
      });
    } finally {
      await stack.stop();
    }
  },
};
