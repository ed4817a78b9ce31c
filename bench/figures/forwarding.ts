import { randomUUID } from "node:crypto";
import type { TFigure } from "../harness/figure";
import { sleep, waitUntil } from "../harness/processes";
import { addRow, fixed, log, thousands } from "../harness/report";
import { createBenchRules, disableRules, RULES_CACHE_MS, type TDb } from "../harness/seed";
import { MESSAGE_APPIDS, sealMessages } from "../harness/wechat-requests";
import { runLoad } from "../load";

// Forwarding: messages through the URL (16 senders, 100 accounts) with 1 rule and with 10 rules to a local receiver,
// deliveries/s from the first message to the last delivery, beside the message URL's rate alone in the same run; then
// a 10,000-delivery backlog (receiver down) drained once it is back.

const countSucceeded = (db: TDb, ruleIds: string[]) => db.delivery.count({ where: { ruleId: { in: ruleIds }, status: "succeeded" } });

/** 10,000 deliveries queued for `ruleId` as if its receiver had been down, then all made due at once. */
const queueBacklog = async (db: TDb, ruleId: string) => {
  const { encryptSecret } = await import("../../lib/secrets");
  // One stored body for the whole backlog, as forwarding stores one per message (the envelope without its id).
  const bodyId = randomUUID();
  await db.deliveryBody.create({
    data: {
      id: bodyId,
      content: encryptSecret(JSON.stringify({ type: "message.text", data: { bench: true } })),
      isEnvelope: true,
      contentType: "application/json",
    },
  });
  const giveUpAt = new Date(Date.now() + 86_400_000);
  for (let start = 0; start < 10_000; start += 100)
    await db.delivery.createMany({
      data: Array.from({ length: 100 }, (_, index) => ({
        publicId: randomUUID(),
        ruleId,
        appid: MESSAGE_APPIDS[(start + index) % 100],
        type: "message.text",
        bodyId,
        giveUpAt,
        nextAttemptAt: giveUpAt,
      })),
    });
  await db.delivery.updateMany({ where: { ruleId }, data: { nextAttemptAt: new Date() } });
};

export const forwarding: TFigure = {
  name: "forwarding",
  isDefault: true,
  run: async ({ provider, apps: [app], db }) => {
    const { startReceiver } = await import("../../simulator/receiver");
    const receiver = await startReceiver();
    let offset = 100_000;
    const sendMessages = async (count: number) => {
      const requests = await sealMessages(count, offset);
      offset += count;
      return runLoad({
        baseUrl: app.url,
        concurrency: 16,
        durationMs: 120_000,
        maxRequests: count,
        warmupMs: 0,
        request: (index) => requests[index],
      });
    };
    try {
      log(`forwarding (${provider}): the message URL alone`);
      const alone = await sendMessages(500);
      const baseline = `the message URL without rules: ${thousands(alone.perSecond)} messages/s`;
      for (const ruleCount of [1, 10]) {
        const ruleIds = await createBenchRules(db, receiver.url, ruleCount);
        await sleep(RULES_CACHE_MS);
        log(`forwarding (${provider}): ${ruleCount} rule(s)`);
        const startedAt = performance.now();
        const sent = await sendMessages(500);
        const expected = 500 * ruleCount;
        const isDone = await waitUntil(async () => (await countSucceeded(db, ruleIds)) >= expected, 300_000);
        const seconds = (performance.now() - startedAt) / 1000;
        addRow({
          provider,
          measure: `forwarding to a local receiver, ${ruleCount} rule(s), 500 messages from 16 senders`,
          wxopen: `${thousands(expected / seconds)} deliveries/s (all ${thousands(expected)} in ${fixed(seconds)} s); messages ${thousands(sent.perSecond)}/s`,
          baseline,
          ratio: `${fixed(sent.perSecond / alone.perSecond, 2)}x message rate`,
          target: "(reported)",
          isMet: isDone && sent.errors === 0,
        });
        await disableRules(db, ruleIds);
      }
      // A receiver that never answers: it fills its own rule's slots; the message URL and the healthy rule go on.
      const hung = await startReceiver();
      hung.mode = { kind: "hang" };
      try {
        const [healthyRule] = await createBenchRules(db, receiver.url, 1);
        const [hungRule] = await createBenchRules(db, hung.url, 1);
        await sleep(RULES_CACHE_MS);
        log(`forwarding (${provider}): 1 healthy rule beside 1 rule whose receiver never answers`);
        const startedAt = performance.now();
        const sent = await sendMessages(500);
        const isDone = await waitUntil(async () => (await countSucceeded(db, [healthyRule])) >= 500, 300_000);
        const seconds = (performance.now() - startedAt) / 1000;
        addRow({
          provider,
          measure: "1 healthy rule beside 1 whose receiver never answers, 500 messages",
          wxopen: `healthy rule ${thousands(500 / seconds)} deliveries/s (all 500 in ${fixed(seconds)} s); messages ${thousands(sent.perSecond)}/s`,
          baseline,
          ratio: `${fixed(sent.perSecond / alone.perSecond, 2)}x message rate`,
          target: "(reported)",
          isMet: isDone && sent.errors === 0,
        });
        await disableRules(db, [healthyRule, hungRule]);
      } finally {
        await hung.stop();
      }
      const [backlogRule] = await createBenchRules(db, receiver.url, 1);
      log(`forwarding (${provider}): a 10,000-delivery backlog`);
      await queueBacklog(db, backlogRule);
      const drainStartedAt = performance.now();
      const isDrained = await waitUntil(async () => (await countSucceeded(db, [backlogRule])) >= 10_000, 600_000);
      const drainSeconds = (performance.now() - drainStartedAt) / 1000;
      addRow({
        provider,
        measure: "drain a 10,000-delivery backlog (1 rule, 100 accounts)",
        wxopen: `${fixed(drainSeconds)} s (${thousands(10_000 / drainSeconds)} deliveries/s)`,
        baseline: `DELIVERY_CONCURRENCY_PER_RULE ${process.env.DELIVERY_CONCURRENCY_PER_RULE ?? 4}, one instance`,
        ratio: "-",
        target: "(reported)",
        isMet: isDrained,
      });
    } finally {
      await receiver.stop();
    }
  },
};
