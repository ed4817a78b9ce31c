import { randomUUID } from "node:crypto";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { countDelivery } from "../../metrics";
import { decryptSecret, encryptSecret } from "../../secrets";
import { bodyToSend } from "../forwarding/delivery-body";
import { groupedWrites } from "../support/grouped-writes";
import { signingHeaders } from "./delivery-signature";
import { makeFannedOutDeliveries } from "./make-fanned-out-deliveries";
import { postToReceiver, RESPONSE_PREVIEW_BYTES, type TReceiverAnswer } from "./post-to-receiver";

// The sending half of the outbox. Deliveries of one (rule, appid) form a stream that goes out in order: only its
// oldest pending delivery (the head) may be sent, and only when it is due and nobody holds it. A claim is a
// compare-and-set on the lease (rows whose lease is free get this claim's token), so across instances each attempt
// is made by exactly one of them; a process that dies mid-send loses its lease and the delivery is retried.

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h, with ±20 % jitter (base: DELIVERY_RETRY_BASE_SECONDS). */
export const retryDelayMs = (attempts: number, random = Math.random, baseMs = getEnv().DELIVERY_RETRY_BASE_SECONDS * 1000) =>
  Math.round(Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000) * (0.8 + 0.4 * random()));

/** Sends in flight in this process, per rule: a slow receiver fills its own rule's slots and nobody else's (on
 * globalThis: the JSON API's test deliveries and Next.js's worker load this module separately). */
const globalForSends = globalThis as unknown as { wxopenSendsInFlight?: Map<string, number> };
const inFlight = (globalForSends.wxopenSendsInFlight ??= new Map<string, number>());
const HEADS_PER_CLAIM = 500;
/** A slot that delivered a stream's head sends that stream's next ones itself, up to this many, then hands back to the pass. */
const IN_TURN_LIMIT = 50;
/** Deliveries of one stream claimed together by a slot that is sending it. */
const STREAM_BATCH = 10;

/** Holds one of the rule's slots while `send` runs. */
const inSlot = async <T>(ruleId: string, send: () => Promise<T>) => {
  inFlight.set(ruleId, (inFlight.get(ruleId) ?? 0) + 1);
  try {
    return await send();
  } finally {
    inFlight.set(ruleId, (inFlight.get(ruleId) ?? 1) - 1);
  }
};

/** A claim holds while every attempt it covers may take its whole timeout, and 30 s more. */
const leaseUntilFrom = (now: Date, count = 1) => new Date(now.getTime() + count * getEnv().DELIVERY_TIMEOUT_MS + 30_000);

const isLeaseFree = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

const CLAIMED_SELECT = {
  id: true,
  publicId: true,
  ruleId: true,
  appid: true,
  type: true,
  body: { select: { content: true, isEnvelope: true, contentType: true } },
  attempts: true,
  giveUpAt: true,
  leaseToken: true,
  rule: { select: { url: true, secret: true } },
} as const;

type TClaimed = Awaited<ReturnType<typeof claimDue>>[number];

const claimDue = async () => {
  const db = getDb();
  const now = new Date();
  const heads = await db.$queryRaw<Array<{ id: number | bigint }>>`
    SELECT MIN("id") AS "id" FROM "Delivery"
    WHERE "status" = 'pending' AND "ruleId" IN (SELECT "id" FROM "ForwardingRule" WHERE "isEnabled")
    GROUP BY "ruleId", "appid" ORDER BY 1 LIMIT ${HEADS_PER_CLAIM}`;
  if (heads.length === 0) return [];
  const due = await db.delivery.findMany({
    // A disabled rule is paused: its queued deliveries wait until it is enabled again.
    where: {
      id: { in: heads.map((head) => Number(head.id)) },
      nextAttemptAt: { lte: now },
      rule: { isEnabled: true },
      ...isLeaseFree(now),
    },
    orderBy: { id: "asc" },
    select: { id: true, ruleId: true },
  });
  const perRule = getEnv().DELIVERY_CONCURRENCY_PER_RULE;
  const picked: number[] = [];
  const taking = new Map<string, number>();
  for (const { id, ruleId } of due) {
    const used = (inFlight.get(ruleId) ?? 0) + (taking.get(ruleId) ?? 0);
    if (used >= perRule) continue;
    picked.push(id);
    taking.set(ruleId, (taking.get(ruleId) ?? 0) + 1);
  }
  if (picked.length === 0) return [];
  const leaseToken = randomUUID();
  await db.delivery.updateMany({
    where: { id: { in: picked }, status: "pending", ...isLeaseFree(now) },
    data: { leaseToken, leaseUntil: leaseUntilFrom(now) },
  });
  return db.delivery.findMany({ where: { leaseToken }, orderBy: { id: "asc" }, select: CLAIMED_SELECT });
};

/**
 * After a stream's head was delivered: its next deliveries (the first is now the head), up to STREAM_BATCH of them
 * while they are due and nobody holds them, claimed with the same compare-and-set as a pass. Saves a busy stream the
 * round through the pass, and the claim's queries are shared by the batch.
 */
const claimNextInStream = async ({ ruleId, appid }: Pick<TClaimed, "ruleId" | "appid">): Promise<TClaimed[]> => {
  const db = getDb();
  const now = new Date();
  const next = await db.delivery.findMany({
    where: { ruleId, appid, status: "pending", rule: { isEnabled: true } },
    orderBy: { id: "asc" },
    take: STREAM_BATCH,
    select: { id: true, nextAttemptAt: true, leaseUntil: true },
  });
  // Only the run from the head on: a delivery behind one that is not due (or held) must wait for it.
  const run = next.findIndex((row) => row.nextAttemptAt > now || (row.leaseUntil !== null && row.leaseUntil >= now));
  const ids = (run === -1 ? next : next.slice(0, run)).map((row) => row.id);
  if (ids.length === 0) return [];
  const leaseToken = randomUUID();
  await db.delivery.updateMany({
    where: { id: { in: ids }, status: "pending", ...isLeaseFree(now) },
    data: { leaseToken, leaseUntil: leaseUntilFrom(now, ids.length) },
  });
  const claimed = await db.delivery.findMany({ where: { leaseToken }, orderBy: { id: "asc" }, select: CLAIMED_SELECT });
  // A gap (another instance took one in the middle) would break the order: keep the run up to it, give back the rest.
  const kept = claimed.filter((row, index) => row.id === ids[index]);
  await releaseClaims(claimed.slice(kept.length));
  return kept;
};

/** Gives claimed, unsent deliveries back: the next pass (on any instance) takes them at once. */
const releaseClaims = async (deliveries: TClaimed[]) => {
  if (deliveries.length === 0) return;
  await getDb().delivery.updateMany({
    where: { id: { in: deliveries.map((row) => row.id) }, leaseToken: deliveries[0].leaseToken },
    data: { leaseToken: null, leaseUntil: null },
  });
};

/** What one attempt leaves on the row: the last attempt's facts, and the next state. */
const outcomeOf = (delivery: TClaimed, answer: TReceiverAnswer, now: Date) => {
  const attempts = delivery.attempts + 1;
  const last = {
    attempts,
    lastAttemptAt: now,
    lastStatus: answer.status,
    lastLatencyMs: answer.latencyMs,
    lastError:
      answer.error?.slice(0, 300) ??
      (answer.status !== null && (answer.status < 200 || answer.status > 299) ? `HTTP ${answer.status}` : null),
    lastResponse: answer.body ? encryptSecret(answer.body.slice(0, RESPONSE_PREVIEW_BYTES)) : null,
    leaseToken: null,
    leaseUntil: null,
  };
  if (answer.status !== null && answer.status >= 200 && answer.status <= 299) return { ...last, status: "succeeded", deliveredAt: now };
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
  return nextAttemptAt > delivery.giveUpAt ? { ...last, status: "dead" } : { ...last, status: "pending", nextAttemptAt };
};

type TOutcomeWrite = {
  where: { id: number; leaseToken: string | null };
  data: ReturnType<typeof outcomeOf>;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * Outcomes are written in groups (groupedWrites): those of the sends that finish while a write is under way go
 * together in the next one, one transaction (one commit, and on SQLite one hold of the write lock and one sync of its
 * log, which the message URL would otherwise wait behind once per delivery). Each row is still its own
 * compare-and-set on the lease.
 */
const addOutcome = groupedWrites<TOutcomeWrite>(async (group) => {
  const db = getDb();
  try {
    await db.$transaction(group.map(({ where, data }) => db.delivery.updateMany({ where, data })));
    for (const write of group) write.resolve();
  } catch (error) {
    for (const write of group) write.reject(error);
  }
}, 100);

const writeOutcome = (where: TOutcomeWrite["where"], data: TOutcomeWrite["data"]) =>
  new Promise<void>((resolve, reject) => addOutcome({ where, data, resolve, reject }));

/**
 * Sends one claimed delivery and records the outcome, if the claim still holds (compare-and-set on the lease).
 * Answers the receiver's answer too (a sync rule's passive reply is in it).
 */
const sendClaimed = async (
  delivery: TClaimed,
  { timeoutMs = getEnv().DELIVERY_TIMEOUT_MS, maxAnswerBytes = RESPONSE_PREVIEW_BYTES } = {},
) => {
  const body = bodyToSend({ content: decryptSecret(delivery.body.content), isEnvelope: delivery.body.isEnvelope }, delivery.publicId);
  // webhook-id is the delivery's publicId: the same on every attempt and redelivery, so receivers dedupe on it.
  const signing = signingHeaders({
    secret: decryptSecret(delivery.rule.secret),
    id: delivery.publicId,
    body,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const answer = await postToReceiver(delivery.rule.url, {
    body,
    timeoutMs,
    maxAnswerBytes,
    headers: {
      "content-type": delivery.body.contentType,
      ...signing,
      "x-wxopen-event": delivery.type,
      "x-wxopen-delivery": delivery.publicId,
    },
  });
  const outcome = outcomeOf(delivery, answer, new Date());
  await writeOutcome({ id: delivery.id, leaseToken: delivery.leaseToken }, outcome);
  countDelivery(delivery.ruleId, outcome.status === "succeeded" ? "delivered" : outcome.status === "dead" ? "dead" : "retry");
  return { status: outcome.status, answer };
};

/** Sends a claimed head, then the same stream's next ones, in order, while they succeed and are due (IN_TURN_LIMIT). */
const sendInTurn = (first: TClaimed) =>
  inSlot(first.ruleId, async () => {
    let queue = [first];
    for (let sent = 0; queue.length > 0;) {
      const delivery = queue.shift()!;
      sent += 1;
      if ((await sendClaimed(delivery)).status !== "succeeded") break;
      if (queue.length === 0 && sent < IN_TURN_LIMIT) queue = await claimNextInStream(delivery);
    }
    await releaseClaims(queue);
  });

/**
 * A sync rule's delivery, claimed by the message URL when it was queued: sent now, within `timeoutMs`, with up to
 * 64 KB of the answer kept for the passive reply. A failure leaves it pending for the worker (async fallback).
 */
export const deliverClaimedNow = async ({ leaseToken, timeoutMs }: { leaseToken: string; timeoutMs: number }) => {
  const delivery = await getDb().delivery.findFirst({ where: { leaseToken }, select: CLAIMED_SELECT });
  if (!delivery) return null;
  return inSlot(delivery.ruleId, () => sendClaimed(delivery, { timeoutMs, maxAnswerBytes: 64 * 1024 }));
};

/**
 * One pass of the worker: makes the deliveries the message URL left as fan-out rows, claims the due heads that have
 * a free slot and starts sending them. Answers the sends (the worker does not wait for them before its next pass, so
 * a slow receiver holds up only its own rule).
 */
export const deliverDueDeliveries = async (): Promise<Array<Promise<unknown>>> => {
  // A failure here (the database busy) must not stop the sends of deliveries already made: the next pass tries again.
  await makeFannedOutDeliveries().catch((error) => log.error("delivery.fanout_failed", { error }));
  return (await claimDue()).map((delivery) => sendInTurn(delivery));
};
