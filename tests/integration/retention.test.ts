import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Nothing grows forever: the sweep deletes what the retention settings no longer keep, in bounded batches.

let stack: TStack;
let pruneExpiredData: typeof import("../../lib/platform/sweep/prune-expired-data").pruneExpiredData;
const db = () => stack.database.db;
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);

before(async () => {
  stack = await startStack();
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  ({ pruneExpiredData } = await import("../../lib/platform/sweep/prune-expired-data"));
  await stack.ready();
});

after(async () => stack?.stop());

describe("[RETENTION] pruneExpiredData", () => {
  it("keeps events 30 days and errors 90, tickets 2 days but always the newest, and housekeeping rows 7 days", async () => {
    const event = (days: number, outcome: "ok" | "error", message: string) => ({
      kind: "token.refreshed",
      outcome,
      message,
      at: daysAgo(days),
    });
    await db().event.createMany({
      data: [
        event(31, "ok", "old ok"),
        event(29, "ok", "recent ok"),
        event(89, "error", "old error kept"),
        event(91, "error", "ancient error"),
      ],
    });
    await db().verifyTicket.deleteMany();
    await db().verifyTicket.createMany({
      data: [
        { ticket: "x", createTime: daysAgo(4), receivedAt: daysAgo(4) },
        { ticket: "y", createTime: daysAgo(3), receivedAt: daysAgo(3) },
      ],
    });
    const link = (usedDaysAgo: number | null, expiresInDays: number) => ({
      id: randomUUID(),
      token: randomUUID().replace(/-/g, ""),
      state: randomUUID().replace(/-/g, ""),
      authType: 3,
      expiresAt: new Date(Date.now() + expiresInDays * 24 * 3600_000),
      usedAt: usedDaysAgo === null ? null : daysAgo(usedDaysAgo),
    });
    const [usedLongAgo, expiredLongAgo, open] = [link(8, 1), link(null, -8), link(null, 5)];
    await db().authorizationLink.createMany({ data: [usedLongAgo, expiredLongAgo, open] });
    await db().authCodeClaim.createMany({
      data: [
        { codeHash: "old", source: "push", createdAt: daysAgo(8) },
        { codeHash: "new", source: "push", createdAt: daysAgo(1) },
      ],
    });
    await db().rateLimit.createMany({
      data: [
        { key: "ended", count: 3, windowEndsAt: daysAgo(1) },
        { key: "current", count: 3, windowEndsAt: new Date(Date.now() + 60_000) },
      ],
    });
    await db().sweepRun.createMany({
      data: [
        { instance: "i", startedAt: daysAgo(8) },
        { instance: "i", startedAt: daysAgo(1) },
      ],
    });
    await db().lease.createMany({
      data: [
        { name: "retention-test:gone", holder: "stopped-instance", expiresAt: daysAgo(2) },
        { name: "retention-test:released", holder: "i", expiresAt: new Date(Date.now() - 60_000) },
        { name: "retention-test:held", holder: "i", expiresAt: new Date(Date.now() + 60_000) },
      ],
    });

    const { deleted, isBacklogLeft } = await pruneExpiredData();
    assert.equal(isBacklogLeft, false);
    assert.ok(deleted.events >= 2);

    const messages = (
      await db().event.findMany({ where: { message: { in: ["old ok", "recent ok", "old error kept", "ancient error"] } } })
    ).map((row) => row.message);
    assert.deepEqual(messages.sort(), ["old error kept", "recent ok"]);
    assert.deepEqual(
      (await db().verifyTicket.findMany()).map((row) => row.ticket),
      ["y"],
      "the newest ticket stays, however old",
    );
    assert.deepEqual(
      (await db().authorizationLink.findMany({ where: { id: { in: [usedLongAgo.id, expiredLongAgo.id, open.id] } } })).map((row) => row.id),
      [open.id],
    );
    assert.deepEqual(
      (await db().authCodeClaim.findMany()).map((row) => row.codeHash),
      ["new"],
    );
    assert.deepEqual(
      (await db().rateLimit.findMany({ where: { key: { in: ["ended", "current"] } } })).map((row) => row.key),
      ["current"],
    );
    assert.equal(await db().sweepRun.count({ where: { startedAt: { lt: daysAgo(7) } } }), 0);
    assert.deepEqual(
      (await db().lease.findMany({ where: { name: { startsWith: "retention-test:" } }, orderBy: { name: "asc" } })).map((row) => row.name),
      ["retention-test:held", "retention-test:released"],
      "a lease expired for a day goes; a released one stays for its next holder",
    );
    assert.equal(await db().sweepRun.count(), 1);
  });

  it("finished deliveries go after MESSAGE_RETENTION_DAYS with the bodies no delivery refers to any more; no body is left orphaned", async () => {
    // Paused, so the worker leaves its deliveries alone.
    const rule = await db().forwardingRule.create({
      data: {
        id: randomUUID(),
        name: "retention",
        url: "http://127.0.0.1:9/",
        types: '["*"]',
        secret: "x",
        secretHint: "x",
        isEnabled: false,
      },
    });
    const body = (createdAt: Date) => ({
      id: randomUUID(),
      content: "v2.x.y",
      isEnvelope: true,
      contentType: "application/json",
      createdAt,
    });
    const [finished, stillPending, orphan, recent] = [body(daysAgo(8)), body(daysAgo(8)), body(daysAgo(8)), body(daysAgo(1))];
    await db().deliveryBody.createMany({ data: [finished, stillPending, orphan, recent] });
    const delivery = (bodyId: string, status: string, createdAt: Date) => ({
      publicId: randomUUID(),
      ruleId: rule.id,
      type: "message.text",
      bodyId,
      status,
      giveUpAt: new Date(createdAt.getTime() + 24 * 3600_000),
      createdAt,
    });
    await db().delivery.createMany({
      data: [
        delivery(finished.id, "succeeded", daysAgo(8)),
        delivery(finished.id, "dead", daysAgo(8)),
        delivery(stillPending.id, "succeeded", daysAgo(8)),
        delivery(stillPending.id, "pending", daysAgo(8)),
        delivery(recent.id, "succeeded", daysAgo(1)),
      ],
    });

    const { deleted } = await pruneExpiredData();
    assert.equal(deleted.deliveries, 3);
    assert.equal(deleted["delivery bodies"], 2, "the finished event's body and the orphan (its rule was deleted)");
    assert.deepEqual(
      (await db().deliveryBody.findMany({ where: { id: { in: [finished.id, stillPending.id, orphan.id, recent.id] } } }))
        .map((row) => row.id)
        .sort(),
      [stillPending.id, recent.id].sort(),
      "a body stays while a delivery refers to it",
    );
    assert.equal(await db().delivery.count({ where: { ruleId: rule.id } }), 2, "the pending one and the recent one");
    assert.equal(await db().deliveryBody.count({ where: { deliveries: { none: {} }, createdAt: { lt: daysAgo(7) } } }), 0, "no orphan");
    await db().forwardingRule.delete({ where: { id: rule.id } });
  });

  it("works through a backlog in batches, a bounded time per run, and the overview shows the size and the oldest event", async () => {
    await db().event.createMany({
      data: Array.from({ length: 2500 }, (_, index) => ({ kind: "token.refreshed", message: `backlog ${index}`, at: daysAgo(40) })),
    });
    const first = await pruneExpiredData({ budgetMs: 0 }).catch((error) => {
      console.log("CODE", error.code, JSON.stringify(error.meta), String(error.message).slice(-400));
      throw error;
    });
    assert.equal(first.deleted.events, 500, "one batch when the time is up");
    assert.equal(first.isBacklogLeft, true);
    let runs = 1;
    while ((await pruneExpiredData({ budgetMs: 0 })).isBacklogLeft) runs += 1;
    assert.equal(await db().event.count({ where: { message: { startsWith: "backlog" } } }), 0);
    assert.ok(runs >= 2, `took ${runs} runs`);

    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await fetch(`${stack.app.url}/overview`, { headers: { cookie, "accept-language": "en" } })).text();
    assert.match(html, /Database size:(<!-- -->|\s)*[\d.]+ (KB|MB)/);
    assert.match(html, /Oldest event kept:/);
  });
});
