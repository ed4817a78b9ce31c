import { randomBytes } from "node:crypto";
import type { TFigure } from "../harness/figure";
import { BEARER, MAX_REQUESTS, SECONDS, SIMULATOR_LATENCY_MS, SWEEP_CONCURRENCY, SWEEP_COUNT, TOKEN_ACCOUNTS } from "../harness/options";
import { postLong } from "../harness/processes";
import { countRefreshCalls } from "../harness/refresh-calls";
import { addRow, fixed, log, thousands } from "../harness/report";
import { seedSimulatorAccounts, type TDb } from "../harness/seed";
import type { TBenchStack } from "../harness/stack";
import { runLoad } from "../load";

// Several platforms in one deployment (issue 21), each against one platform in the same run:
// - the token API at 16 clients, its 100 accounts spread over 1, 2 and 10 platforms (the default one on today's path,
//   the others on /api/v1/platforms/{componentAppid}/…), the deployment holding that many platforms; three rounds
//   taking the configurations in turn, medians compared (this machine's rate drifts more than 5% within a minute);
// - the sweep of SWEEP_COUNT accounts due within 5 minutes on the default platform, and as many split over 10
//   platforms (each refresh with its platform's component token), both seeded first so each sweeps the same table.

const PLATFORM_COUNTS = [1, 2, 10];
const MAX_SLOWDOWN = 0.05;
/** The app's platform list is read at most every 2 s. */
const REGISTRY_CACHE_MS = 2500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alnum = (length: number) =>
  Array.from(randomBytes(length), (byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[byte % 62]).join("");

/** `count` more platforms: rows as Settings would write them, known to the simulator, each with a ticket and a component token. */
const addPlatforms = async ({ apps: [app], simulator, db }: TBenchStack, count: number, existing: string[]) => {
  const { encryptSecret } = await import("../../lib/secrets");
  const added = Array.from({ length: count }, (_, index) => ({
    componentAppid: `wx${(0xbe0000 + existing.length + index).toString(16).padStart(16, "0")}`,
    componentAppsecret: alnum(32),
    token: alnum(16),
    encodingAesKey: alnum(43),
  }));
  for (const platform of added) {
    await db.platform.create({
      data: {
        componentAppid: platform.componentAppid,
        name: `bench ${platform.componentAppid}`,
        appsecret: encryptSecret(platform.componentAppsecret),
        token: encryptSecret(platform.token),
        encodingAesKey: encryptSecret(platform.encodingAesKey),
        createdBy: "bench",
      },
    });
    simulator.addPlatform({ ...platform, notifyUrl: `${app.url}/api/wechat/${platform.componentAppid}/notify` });
  }
  await sleep(REGISTRY_CACHE_MS);
  for (const platform of added) {
    const delivery = await simulator.pushTicket(platform.componentAppid);
    if (!delivery.ok) throw new Error(`ticket of ${platform.componentAppid}: ${delivery.status} ${delivery.body}`);
  }
  await waitForComponentTokens(db, [...existing, ...added.map((platform) => platform.componentAppid)]);
  return added.map((platform) => platform.componentAppid);
};

const waitForComponentTokens = async (db: TDb, componentAppids: string[]) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const held = await db.componentToken.count({ where: { componentAppid: { in: componentAppids } } });
    if (held === componentAppids.length) return;
    await sleep(200);
  }
  throw new Error("the added platforms' component tokens never arrived");
};

/** `count` accounts of each platform with a stored token good for two hours (the token API then never calls WeChat). */
const seedServedTokens = async (db: TDb, platformKeys: string[], count: number) => {
  const { encryptSecret, hashSecret } = await import("../../lib/secrets");
  const rows = Array.from({ length: count }, (_, index) => {
    const accessToken = `bench-token-${alnum(24)}`;
    return {
      platformKey: platformKeys[index % platformKeys.length],
      appid: `wx${randomBytes(8).toString("hex")}`,
      status: "authorized",
      accessToken: encryptSecret(accessToken),
      accessTokenHash: hashSecret(accessToken),
      accessTokenExpiresAt: new Date(Date.now() + 2 * 3600_000),
      refreshToken: encryptSecret(`bench-refresh-${alnum(8)}`),
      authorizedAt: new Date(),
    };
  });
  await db.authorizer.createMany({ data: rows });
  return rows.map(({ platformKey, appid }) =>
    platformKey ? `/api/v1/platforms/${platformKey}/authorizers/${appid}/access-token` : `/api/v1/authorizers/${appid}/access-token`,
  );
};

/** One sweep of everything due, timed, with WeChat answering in SIMULATOR_LATENCY_MS. */
const timeSweep = async ({ apps: [app], simulator, env }: TBenchStack, swept: Set<string>) => {
  const calls = countRefreshCalls(simulator, swept);
  simulator.setConfig({ latencyMs: SIMULATOR_LATENCY_MS });
  const startedAt = performance.now();
  const answer = await postLong(`${app.url}/api/cron/refresh`, { authorization: `Bearer ${env.CRON_SECRET}` }, 60 * 60_000);
  const seconds = (performance.now() - startedAt) / 1000;
  simulator.setConfig({ latencyMs: 0 });
  const { duplicates, missed } = calls.stop();
  const result = JSON.parse(answer.body) as { refreshed: number; failed: number };
  return { seconds, refreshed: result.refreshed, failed: result.failed, duplicates, missed };
};

/** The median of a few loads' rates: each configuration is measured in every round, in turn, so drift hits them all. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ROUNDS = 3;

/** Every account of `appids` due within 5 minutes (the others keep their far expiry): what the next sweep refreshes. */
const makeDue = async (db: TDb, appids: string[]) => {
  for (let offset = 0; offset < appids.length; offset += 500)
    await db.authorizer.updateMany({
      where: { appid: { in: appids.slice(offset, offset + 500) } },
      data: { accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) },
    });
};

export const platforms: TFigure = {
  name: "platforms",
  isDefault: true,
  run: async (stack) => {
    const { provider, apps, db, simulator, env } = stack;
    const [app] = apps;
    const added = await addPlatforms(stack, Math.max(...PLATFORM_COUNTS) - 1, []);
    const rows = await db.platform.findMany({ where: { componentAppid: { in: added } } });
    /** The deployment holds the default platform and the first `count - 1` added ones (rows come and go; their tokens stay). */
    const holdPlatforms = async (count: number) => {
      const kept = added.slice(0, count - 1);
      await db.platform.deleteMany({ where: { componentAppid: { notIn: kept } } });
      const present = new Set((await db.platform.findMany({ select: { componentAppid: true } })).map((row) => row.componentAppid));
      for (const row of rows)
        if (kept.includes(row.componentAppid) && !present.has(row.componentAppid)) await db.platform.create({ data: row });
      await sleep(REGISTRY_CACHE_MS);
    };

    // Both sweeps' accounts first (far from due), so each sweep runs over the same table.
    const later = () => new Date(Date.now() + 3 * 3600_000);
    log(`seeding ${thousands(SWEEP_COUNT)} accounts on the default platform and as many over ${added.length + 1} platforms (${provider})`);
    const onOne = await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, later);
    const onMany = await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, later, undefined, ["", ...added]);
    const sweeps = new Map<number, Awaited<ReturnType<typeof timeSweep>>>();
    for (const [count, appids] of [
      [1, onOne],
      [added.length + 1, onMany],
    ] as const) {
      await holdPlatforms(count);
      await makeDue(db, appids);
      log(`sweep of ${thousands(SWEEP_COUNT)} accounts over ${count} platform(s) (${provider})`);
      sweeps.set(count, await timeSweep(stack, new Set(appids)));
    }

    const paths = new Map<number, string[]>();
    for (const count of PLATFORM_COUNTS) paths.set(count, await seedServedTokens(db, ["", ...added.slice(0, count - 1)], TOKEN_ACCOUNTS));
    // What the longer path costs by itself: one platform's accounts read through /api/v1/platforms/{its appid}/….
    const defaultAppid = env.WECHAT_COMPONENT_APPID;
    const scopedOne = paths.get(1)!.map((path) => path.replace("/api/v1/authorizers/", `/api/v1/platforms/${defaultAppid}/authorizers/`));
    const SCOPED_ONE = 0;
    paths.set(SCOPED_ONE, scopedOne);
    const configurations = [SCOPED_ONE, ...PLATFORM_COUNTS];
    const rates = new Map<number, number[]>(configurations.map((count) => [count, []]));
    const loads = new Map<number, Awaited<ReturnType<typeof runLoad>>>();
    const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS, baseUrl: app.url };
    for (let round = 0; round < ROUNDS; round += 1)
      for (const count of configurations) {
        await holdPlatforms(Math.max(1, count));
        const list = paths.get(count)!;
        const request = (index: number) => ({ path: list[index % list.length], headers: BEARER });
        // The first load also warms the process up (JIT, connections): it is not counted.
        if (round === 0 && count === configurations[0]) await runLoad({ ...options, request });
        log(`token API over ${count || "1 (platform path)"} platform(s), 16 clients, round ${round + 1} of ${ROUNDS} (${provider})`);
        const load = await runLoad({ ...options, request });
        if (load.errors) log(`token API errors: ${load.firstError}`);
        rates.get(count)!.push(load.errors ? 0 : load.perSecond);
        loads.set(count, load);
      }
    const rateOf = (count: number) => median(rates.get(count)!);
    const describeRates = (count: number) =>
      `median ${thousands(rateOf(count))} req/s of ${rates
        .get(count)!
        .map((rate) => thousands(rate))
        .join(", ")}; last p99 ${fixed(loads.get(count)!.p99Ms)} ms`;
    for (const count of PLATFORM_COUNTS.slice(1)) {
      const ratio = rateOf(count) / rateOf(1);
      addRow({
        provider,
        measure: `token API, 16 clients, ${TOKEN_ACCOUNTS} accounts over ${count} platforms (${ROUNDS} rounds, in turn)`,
        wxopen: describeRates(count),
        baseline: `1 platform: ${describeRates(1)}`,
        ratio: `${fixed(ratio, 2)}x one platform`,
        target: `>= ${1 - MAX_SLOWDOWN}x one platform`,
        isMet: ratio >= 1 - MAX_SLOWDOWN,
      });
    }
    addRow({
      provider,
      measure: `token API, 16 clients, one platform's ${TOKEN_ACCOUNTS} accounts read through /api/v1/platforms/{componentAppid}/… (diagnostic)`,
      wxopen: describeRates(SCOPED_ONE),
      baseline: `today's path: ${describeRates(1)}`,
      ratio: `${fixed(rateOf(SCOPED_ONE) / rateOf(1), 2)}x today's path`,
      target: "(what the longer path costs, any platform count)",
      isMet: true,
    });

    const one = sweeps.get(1)!;
    const many = sweeps.get(added.length + 1)!;
    const describe = (sweep: typeof one) =>
      `${fixed(sweep.seconds, 1)} s; refreshed ${thousands(sweep.refreshed)}, failed ${sweep.failed}; duplicates ${sweep.duplicates}, missed ${sweep.missed}`;
    addRow({
      provider,
      measure: `sweep of ${thousands(SWEEP_COUNT)} accounts over ${added.length + 1} platforms, simulator ${SIMULATOR_LATENCY_MS} ms, concurrency ${SWEEP_CONCURRENCY}`,
      wxopen: describe(many),
      baseline: `1 platform: ${describe(one)}`,
      ratio: `${fixed(many.seconds / one.seconds, 2)}x one platform`,
      target: `<= ${1 + MAX_SLOWDOWN}x one platform, 0 duplicates`,
      isMet: many.seconds <= (1 + MAX_SLOWDOWN) * one.seconds && many.duplicates === 0 && many.missed === 0 && many.failed === 0,
    });

    // The figures after this one measure a deployment of one platform: the added ones go, with their accounts.
    await db.authorizer.deleteMany({ where: { platformKey: { in: added } } });
    await db.componentToken.deleteMany({ where: { componentAppid: { in: added } } });
    await db.platform.deleteMany({ where: { componentAppid: { in: added } } });
    await sleep(REGISTRY_CACHE_MS);
  },
};
