import { freePort } from "../../tests/helpers/app";
import type { TFigure } from "../harness/figure";
import { BEARER, MAX_REQUESTS, SECONDS, TOKEN_ACCOUNTS } from "../harness/options";
import { startChild, stopChild } from "../harness/processes";
import { addRow, addTarget, describeLoad, fixed, log, thousands } from "../harness/report";
import { fetchTokens, seedSimulatorAccounts } from "../harness/seed";
import { runLoad } from "../load";

// The token API for 100 accounts at 16 and 64 clients, beside the constant route in the same build (the floor) and a
// bare node:http server answering the same tokens from memory.

export const tokenApi: TFigure = {
  name: "token-api",
  aliases: ["token"],
  isDefault: true,
  run: async ({ provider, apps: [app], simulator, db }) => {
    const appids = await seedSimulatorAccounts(simulator, db, TOKEN_ACCOUNTS, () => null);
    const tokens = await fetchTokens(app, appids);
    const barePort = await freePort();
    const bare = await startChild("bench/bare-token-server.ts", barePort, {}, JSON.stringify(tokens));
    try {
      const tokenRequest = (index: number) => ({
        path: `/api/v1/authorizers/${appids[index % appids.length]}/access-token`,
        headers: BEARER,
      });
      let bareRatioAt16 = NaN;
      for (const concurrency of [16, 64]) {
        const options = { concurrency, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS };
        log(`token API at ${concurrency} clients (${provider})`);
        const floor = await runLoad({ ...options, baseUrl: app.url, request: () => ({ path: "/api/v1/ping" }) });
        const ours = await runLoad({ ...options, baseUrl: app.url, request: tokenRequest });
        const bareResult = await runLoad({ ...options, baseUrl: `http://127.0.0.1:${barePort}`, request: tokenRequest });
        if (ours.errors) log(`token API errors: ${ours.firstError}`);
        const isThroughputMet = ours.perSecond >= 0.8 * floor.perSecond && ours.errors === 0;
        const isLatencyMet = concurrency !== 16 || ours.p99Ms < 20;
        const bareRatio = ours.perSecond / bareResult.perSecond;
        addRow({
          provider,
          measure: `token API, ${concurrency} clients`,
          wxopen: describeLoad(ours),
          baseline: `floor ${thousands(floor.perSecond)} req/s (p99 ${fixed(floor.p99Ms)}); bare node:http ${describeLoad(bareResult)}`,
          ratio: `${fixed(ours.perSecond / floor.perSecond, 2)}x floor, ${fixed(bareRatio, 2)}x bare`,
          target: concurrency === 16 ? ">= 0.8x floor; p99 < 20 ms" : ">= 0.8x floor",
          isMet: isThroughputMet && isLatencyMet,
        });
        if (concurrency === 16) {
          bareRatioAt16 = bareRatio;
          addTarget({
            provider,
            target: "token API >= 0.4x bare node:http, 16 clients",
            measured: `${fixed(bareRatio, 2)}x (${thousands(ours.perSecond)} / ${thousands(bareResult.perSecond)} req/s)`,
            isMet: bareRatio >= 0.4 && ours.errors === 0,
          });
          addTarget({ provider, target: "token API p99 <= 5 ms, 16 clients", measured: `${fixed(ours.p99Ms)} ms`, isMet: ours.p99Ms <= 5 });
        } else {
          addTarget({
            provider,
            target: "token API at 64 clients no worse than at 16 (x bare, 5% noise)",
            measured: `${fixed(bareRatio, 2)}x at 64, ${fixed(bareRatioAt16, 2)}x at 16`,
            isMet: bareRatio >= 0.95 * bareRatioAt16 && ours.errors === 0,
          });
        }
      }
    } finally {
      await stopChild(bare);
    }
  },
};
