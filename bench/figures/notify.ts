import { freePort } from "../../tests/helpers/app";
import type { TFigure } from "../harness/figure";
import { SECONDS } from "../harness/options";
import { startChild, stopChild } from "../harness/processes";
import { addRow, describeLoad, fixed, log, thousands } from "../harness/report";
import { sealMany, ticketPushRequest } from "../harness/wechat-requests";
import { runLoad, type TLoadResult } from "../load";

// Ticket pushes through the notify URL (16 senders), beside a bare node:http server doing the same decrypt and writes.

export const notify: TFigure = {
  name: "notify",
  aliases: ["pushes"],
  isDefault: true,
  run: async ({ provider, apps: [app], env }) => {
    const sealed = await sealMany(20_000, ticketPushRequest);
    // Each push is used once: the app gets the first half (warm-up included), the bare handler the second.
    const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: sealed.length / 4, warmupMs: 500 };
    log(`ticket pushes (${provider})`);
    const ours = await runLoad({ ...options, baseUrl: app.url, request: (index) => sealed[index] });
    const barePort = await freePort();
    const bare = await startChild("bench/bare-notify-server.ts", barePort, env);
    let bareResult: TLoadResult;
    try {
      bareResult = await runLoad({
        ...options,
        baseUrl: `http://127.0.0.1:${barePort}`,
        request: (index) => sealed[sealed.length / 2 + index],
      });
    } finally {
      await stopChild(bare);
    }
    if (ours.errors) log(`push errors: ${ours.firstError}`);
    addRow({
      provider,
      measure: "ticket pushes through /api/wechat/notify, 16 senders",
      wxopen: describeLoad(ours, "pushes/s"),
      baseline: `bare node:http, same decrypt + writes: ${thousands(bareResult.perSecond)} pushes/s (p99 ${fixed(bareResult.p99Ms)})`,
      ratio: `${fixed(ours.perSecond / bareResult.perSecond, 2)}x bare`,
      target: "(reported)",
      isMet: ours.errors === 0 && bareResult.errors === 0,
    });
  },
};
