import type { TFigure } from "../harness/figure";
import { BEARER, MAX_REQUESTS, SECONDS, TOKEN_ACCOUNTS } from "../harness/options";
import { addRow, addTarget, describeLoad, fixed, log, thousands } from "../harness/report";
import { fetchTokens, seedSimulatorAccounts } from "../harness/seed";
import { runLoad } from "../load";

// The WeChat API proxy: cgi-bin/menu/get for 100 accounts through wxopen, beside the same call made straight to the
// simulator with the token, and the token API, in the same run. One client: the time the proxy adds to a call.
// Sixteen: its rate.

export const proxy: TFigure = {
  name: "proxy",
  isDefault: true,
  run: async ({ provider, apps: [app], simulator, db }) => {
    const appids = await seedSimulatorAccounts(simulator, db, TOKEN_ACCOUNTS, () => null, "official_account");
    const tokens = (await fetchTokens(app, appids)).map((token) => token.accessToken);
    const sample = await fetch(`${app.url}/api/v1/authorizers/${appids[0]}/wechat/cgi-bin/menu/get`, { headers: BEARER });
    const sampleText = await sample.text();
    if (!sampleText.includes('"menu"')) throw new Error(`the proxy answered ${sample.status}: ${sampleText.slice(0, 200)}`);
    const tokenRequest = (index: number) => ({
      path: `/api/v1/authorizers/${appids[index % appids.length]}/access-token`,
      headers: BEARER,
    });
    const directRequest = (index: number) => ({ path: `/cgi-bin/menu/get?access_token=${tokens[index % tokens.length]}` });
    const proxiedRequest = (index: number) => ({
      path: `/api/v1/authorizers/${appids[index % appids.length]}/wechat/cgi-bin/menu/get`,
      headers: BEARER,
    });
    for (const concurrency of [1, 16]) {
      const options = { concurrency, durationMs: SECONDS * 1000, maxRequests: MAX_REQUESTS };
      log(`proxy (${provider}): token API, direct WeChat call, proxied call at ${concurrency} client(s)`);
      const tokenApi = await runLoad({ ...options, baseUrl: app.url, request: tokenRequest });
      const direct = await runLoad({ ...options, baseUrl: simulator.url, request: directRequest });
      const proxied = await runLoad({ ...options, baseUrl: app.url, request: proxiedRequest });
      if (proxied.errors) log(`proxy errors: ${proxied.firstError}`);
      const addedMs = proxied.p50Ms - direct.p50Ms;
      const isLatency = concurrency === 1;
      const directRatio = proxied.perSecond / direct.perSecond;
      addRow({
        provider,
        measure: `WeChat API proxy (cgi-bin/menu/get, 100 accounts), ${concurrency} client(s)`,
        wxopen: describeLoad(proxied),
        baseline: `direct to the simulator ${describeLoad(direct)}; token API ${thousands(tokenApi.perSecond)} req/s (p50 ${fixed(tokenApi.p50Ms)} ms)`,
        ratio: `+${fixed(addedMs)} ms p50; ${fixed(directRatio, 2)}x direct; ${fixed(proxied.perSecond / tokenApi.perSecond, 2)}x token API`,
        target: isLatency ? "<= +5 ms p50 over the direct call" : ">= 0.7x token API",
        isMet: proxied.errors === 0 && (isLatency ? addedMs <= 5 : proxied.perSecond >= 0.7 * tokenApi.perSecond),
      });
      addTarget(
        isLatency
          ? {
              provider,
              target: "proxy adds <= 1 ms p50 over the direct call, 1 client",
              measured: `+${fixed(addedMs, 2)} ms (${fixed(proxied.p50Ms, 2)} - ${fixed(direct.p50Ms, 2)} ms)`,
              isMet: proxied.errors === 0 && addedMs <= 1,
            }
          : {
              provider,
              target: "proxy >= 0.4x the direct call, 16 clients",
              measured: `${fixed(directRatio, 2)}x (${thousands(proxied.perSecond)} / ${thousands(direct.perSecond)} req/s)`,
              isMet: proxied.errors === 0 && directRatio >= 0.4,
            },
      );
    }
  },
};
