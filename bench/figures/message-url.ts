import type { TFigure } from "../harness/figure";
import { SECONDS } from "../harness/options";
import { addRow, describeLoad, fixed, log, thousands } from "../harness/report";
import { sealMany, ticketPushRequest, userMessageRequest } from "../harness/wechat-requests";
import { runLoad } from "../load";

// The message URL beside the notify URL in the same run (16 senders each, every request used once), then a burst of
// 500 messages sent at once. Targets: >= 0.9x notify's rate; p99 < 1 s in the burst.

const COUNT = 20_000;

export const messageUrl: TFigure = {
  name: "message-url",
  aliases: ["messages"],
  isDefault: true,
  run: async ({ provider, apps: [app] }) => {
    const pushes = await sealMany(COUNT, ticketPushRequest);
    const messages = await sealMany(COUNT, (index) => userMessageRequest(index, "wx00000000000bench"));
    const options = { concurrency: 16, durationMs: SECONDS * 1000, maxRequests: COUNT / 2, warmupMs: 500 };
    log(`message URL beside the notify URL (${provider})`);
    const notify = await runLoad({ ...options, baseUrl: app.url, request: (index) => pushes[index] });
    const ours = await runLoad({ ...options, baseUrl: app.url, request: (index) => messages[index] });
    if (ours.errors) log(`message errors: ${ours.firstError}`);
    const ratio = ours.perSecond / notify.perSecond;
    addRow({
      provider,
      measure: "user messages through /api/wechat/messages/:appid, 16 senders",
      wxopen: describeLoad(ours, "messages/s"),
      baseline: `ticket pushes through /api/wechat/notify: ${thousands(notify.perSecond)}/s (p99 ${fixed(notify.p99Ms)})`,
      ratio: `${fixed(ratio, 2)}x notify`,
      target: ">= 0.9x notify",
      isMet: ours.errors === 0 && ratio >= 0.9,
    });
    const burst = await sealMany(500, (index) => userMessageRequest(COUNT + index, "wx00000000000burst"));
    const burstOptions = { baseUrl: app.url, concurrency: 500, durationMs: 60_000, maxRequests: 500, warmupMs: 0 };
    log(`a burst of 500 requests to the constant route, then 500 messages (${provider})`);
    const floor = await runLoad({ ...burstOptions, request: () => ({ path: "/api/v1/ping" }) });
    const result = await runLoad({ ...burstOptions, request: (index) => burst[index] });
    if (result.errors) log(`burst errors: ${result.firstError}`);
    addRow({
      provider,
      measure: "a burst of 500 messages sent at once",
      wxopen: `p50 ${fixed(result.p50Ms)} ms, p99 ${fixed(result.p99Ms)} ms, all answered in ${fixed(result.seconds, 2)} s${result.errors ? `; ${result.errors} errors` : ""}`,
      baseline: `500 at once to the constant route /api/v1/ping: p99 ${fixed(floor.p99Ms)} ms, all in ${fixed(floor.seconds, 2)} s`,
      ratio: `${fixed(result.p99Ms / floor.p99Ms, 2)}x floor`,
      target: "p99 < 1,000 ms",
      isMet: result.errors === 0 && result.requests === 500 && result.p99Ms < 1000,
    });
  },
};
