import type { TFigure } from "../harness/figure";
import { SECONDS } from "../harness/options";
import { sleep, startChild, stopChild, waitUntil } from "../harness/processes";
import { addRow, addTarget, describeLoad, fixed, log, thousands } from "../harness/report";
import { createBenchRules, disableRules, RULES_CACHE_MS } from "../harness/seed";
import { sealMessages } from "../harness/wechat-requests";
import { runLoad, type TLoadResult } from "../load";
import { freePort } from "../../tests/helpers/app";

// The message URL's rate (16 senders, 100 accounts, for --seconds) with 0, 1 and 10 forwarding rules to a local
// receiver (bench/webhook-receiver.ts, its own process at a low priority: it stands for other machines), in the same run. The deliveries run while the messages arrive, as they would (on the server's delivery
// thread); each configuration waits for the last one's deliveries to finish, and the row says how long after the
// last message they did. Targets (issue 20): 1 rule >= 0.9x no rules, 10 rules >= 0.7x.

const RULE_COUNTS = [0, 1, 10];
const TARGET_RATIO: Record<number, number> = { 1: 0.9, 10: 0.7 };
const DRAIN_TIMEOUT_MS = 180_000;
/** The first configuration warms the app up longer (JIT, connections): it is the baseline of the others. */
const FIRST_WARMUP_MS = 3000;

export const messageRules: TFigure = {
  name: "message-rules",
  isDefault: true,
  run: async ({ provider, apps: [app], db }) => {
    const receiverPort = await freePort();
    const receiver = await startChild("bench/webhook-receiver.ts", receiverPort, {});
    const receiverUrl = `http://127.0.0.1:${receiverPort}/`;
    // Enough single-use messages for warm-up and measurement at up to 2,000 messages/s.
    const perConfiguration = Math.min(20_000, Math.max(2000, 4000 * SECONDS));
    const results = new Map<number, TLoadResult>();
    const catchUpSeconds = new Map<number, number>();
    try {
      for (const [position, ruleCount] of RULE_COUNTS.entries()) {
        const messages = await sealMessages(perConfiguration, 200_000 + position * perConfiguration);
        const ruleIds = await createBenchRules(db, receiverUrl, ruleCount);
        if (ruleCount) await sleep(RULES_CACHE_MS);
        log(`message URL with ${ruleCount} forwarding rule(s) (${provider})`);
        const result = await runLoad({
          baseUrl: app.url,
          concurrency: 16,
          durationMs: SECONDS * 1000,
          maxRequests: perConfiguration / 2,
          warmupMs: position === 0 ? FIRST_WARMUP_MS : 500,
          request: (index) => messages[index],
        });
        if (result.errors) {
          log(`message errors with ${ruleCount} rule(s): ${result.firstError}`);
          log(
            `the app's last error: ${
              app
                .output()
                .split("\n")
                .filter((line) => line.includes('"level":"error"'))
                .slice(-1)[0]
                ?.slice(0, 1500) ?? "none logged"
            }`,
          );
        }
        results.set(ruleCount, result);
        if (ruleCount) {
          const loadEndedAt = Date.now();
          const isDrained = await waitUntil(
            async () =>
              (await db.deliveryFanout.count()) === 0 &&
              (await db.delivery.count({ where: { ruleId: { in: ruleIds }, status: "pending" } })) === 0,
            DRAIN_TIMEOUT_MS,
          );
          if (!isDrained) log(`the deliveries of ${ruleCount} rule(s) were still pending after ${DRAIN_TIMEOUT_MS / 1000} s`);
          else catchUpSeconds.set(ruleCount, (Date.now() - loadEndedAt) / 1000);
          await disableRules(db, ruleIds);
        }
      }
    } finally {
      await stopChild(receiver);
    }
    const alone = results.get(0)!;
    for (const ruleCount of RULE_COUNTS.slice(1)) {
      const result = results.get(ruleCount)!;
      const ratio = result.perSecond / alone.perSecond;
      const isMet = result.errors === 0 && ratio >= TARGET_RATIO[ruleCount] && catchUpSeconds.has(ruleCount);
      addRow({
        provider,
        measure: `user messages through the message URL with ${ruleCount} forwarding rule(s), 16 senders`,
        wxopen: `${describeLoad(result, "messages/s")}; deliveries done ${
          catchUpSeconds.has(ruleCount) ? `${fixed(catchUpSeconds.get(ruleCount)!)} s` : "NOT within 180 s"
        } after the last message`,
        baseline: `no rules: ${describeLoad(alone, "messages/s")}`,
        ratio: `${fixed(ratio, 2)}x no rules`,
        target: `>= ${TARGET_RATIO[ruleCount]}x no rules`,
        isMet,
      });
      addTarget({
        provider,
        target: `message URL with ${ruleCount} rule(s) >= ${TARGET_RATIO[ruleCount]}x no rules`,
        measured: `${fixed(ratio, 2)}x (${thousands(result.perSecond)} / ${thousands(alone.perSecond)} messages/s)`,
        isMet,
      });
    }
  },
};
