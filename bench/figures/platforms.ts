import { randomBytes } from "node:crypto";
import type { TFigure } from "../harness/figure";
import { BEARER, MAX_REQUESTS, SECONDS, SIMULATOR_LATENCY_MS, SWEEP_CONCURRENCY, SWEEP_COUNT, TOKEN_ACCOUNTS } from "../harness/options";
import { postLong } from "../harness/processes";
import { countRefreshCalls } from "../harness/refresh-calls";
import { addRow, describeLoad, fixed, log, thousands } from "../harness/report";
import { seedSimulatorAccounts, type TDb } from "../harness/seed";
import type { TBenchStack } from "../harness/stack";
import { runLoad } from "../load";

// Several platforms in one deployment (issue 21), each against one platform in the same run:
// - the token API at 16 clients, its 100 accounts spread over 1, 2 and 10 platforms (the default one on today's path,
//   the others on /api/v1/platforms/{componentAppid}/…): what holding more platforms costs each read;
// - the sweep of SWEEP_COUNT accounts due within 5 minutes on the default platform, then as many split over 10
//   platforms (each refresh with its platform's component token).

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

export const platforms: TFigure = {
  name: "platforms",
  isDefault: true,
  run: async (stack) => {
    const { provider, apps, db, simulator } = stack;
    const [app] = apps;
    // The sweep on one platform first, before any other exists.
    log(`sweep of ${thousands(SWEEP_COUNT)} accounts on the default platform (${provider})`);
    const onOne = new Set(await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 5 * 60_000)));
    const one = await timeSweep(stack, onOne);

    const added: string[] = [];
    const loads = new Map<number, Awaited<ReturnType<typeof runLoad>>>();
    for (const count of PLATFORM_COUNTS) {
      if (count > added.length + 1) added.push(...(await addPlatforms(stack, count - 1 - added.length, added)));
      const paths = await seedServedTokens(db, ["", ...added], TOKEN_ACCOUNTS);
      log(`token API over ${count} platform(s), 16 clients (${provider})`);
      const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS, baseUrl: app.url };
      const load = await runLoad({ ...options, request: (index) => ({ path: paths[index % paths.length], headers: BEARER }) });
      if (load.errors) log(`token API errors: ${load.firstError}`);
      loads.set(count, load);
    }
    const single = loads.get(1)!;
    for (const count of PLATFORM_COUNTS.slice(1)) {
      const load = loads.get(count)!;
      const ratio = load.perSecond / single.perSecond;
      addRow({
        provider,
        measure: `token API, 16 clients, ${TOKEN_ACCOUNTS} accounts over ${count} platforms`,
        wxopen: describeLoad(load),
        baseline: `1 platform: ${describeLoad(single)}`,
        ratio: `${fixed(ratio, 2)}x one platform`,
        target: `>= ${1 - MAX_SLOWDOWN}x one platform`,
        isMet: ratio >= 1 - MAX_SLOWDOWN && load.errors === 0,
      });
    }

    log(`sweep of ${thousands(SWEEP_COUNT)} accounts over ${added.length + 1} platforms (${provider})`);
    const platformKeys = ["", ...added];
    const onMany = new Set(
      await seedSimulatorAccounts(simulator, db, SWEEP_COUNT, () => new Date(Date.now() + 5 * 60_000), undefined, platformKeys),
    );
    const many = await timeSweep(stack, onMany);
    const describe = (sweep: typeof one) =>
      `${fixed(sweep.seconds, 1)} s; refreshed ${thousands(sweep.refreshed)}, failed ${sweep.failed}; duplicates ${sweep.duplicates}, missed ${sweep.missed}`;
    addRow({
      provider,
      measure: `sweep of ${thousands(SWEEP_COUNT)} accounts over ${platformKeys.length} platforms, simulator ${SIMULATOR_LATENCY_MS} ms, concurrency ${SWEEP_CONCURRENCY}`,
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
