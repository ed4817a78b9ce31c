import { getDb, isUniqueViolation, type DbTransaction, type Prisma } from "../../db";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { deliveriesFor, fanOut, insertDeliveries, type TDeliveryBatch } from "../forwarding/enqueue-deliveries";
import type { TForwardEvent } from "../forwarding/match-rules";
import { groupedWrites } from "../support/grouped-writes";

// The message URL's one write, grouped (groupedWrites): messages that arrive while the previous group is being
// written go to the database together (one read of which appids wxopen holds and their original ids, one multi-row
// insert). Under a burst this turns 500 round trips into a handful, which is what keeps every answer inside WeChat's
// 5 s; alone, a message is written at once. A group that hits a duplicate (a retry) falls back to one insert per
// message, so each retry is told.
// The forwarding rules a message matches are written in the same transaction (the outbox), as one fan-out row per
// body that the delivery worker turns into a delivery per rule (fanOut), so ten rules cost the request one row.

export type TMessageRow = Omit<Prisma.AuthorizerMessageCreateManyInput, "isKnownAppid">;

/** The sync rule's delivery, held by the request that will send it now (the worker leaves it alone until then). */
export type TSyncClaim = { ruleId: string; leaseToken: string; leaseUntil: Date };

/**
 * stored: this attempt wrote the message; retry: it was already written (on this instance or another);
 * wrong_account: wxopen holds the account and its original id (`userName`) is not the message's ToUserName, so the
 * ciphertext was sealed for another account and posted to this one's URL: nothing is written.
 */
export type TStoreOutcome = { kind: "stored" } | { kind: "retry" } | { kind: "wrong_account"; userName: string };

type TPending = {
  row: TMessageRow;
  /** The decrypted ToUserName: the original id (gh_…) of the account the message was sealed for. */
  toUserName: string;
  event: TForwardEvent;
  claim?: TSyncClaim;
  resolve: (outcome: TStoreOutcome) => void;
  reject: (error: unknown) => void;
};

/** Enough to make a burst cheap; 80 rows x 12 columns stays under the SQLite adapter's 999 parameters. */
const MAX_GROUP = 80;

const isForwarded = (batch: TDeliveryBatch) => batch.deliveries.length > 0 || (batch.fanouts?.length ?? 0) > 0;

/** The messages, their deliveries and the bodies those share, together or not at all; without deliveries, one plain insert. */
const insert = async (rows: Prisma.AuthorizerMessageCreateManyInput[], batches: TDeliveryBatch[]) => {
  const db = getDb();
  if (!batches.some(isForwarded)) return void (await db.authorizerMessage.createMany({ data: rows }));
  await db.$transaction(async (transaction: DbTransaction) => {
    await transaction.authorizerMessage.createMany({ data: rows });
    await insertDeliveries(transaction, batches);
  });
};

const insertOne = async (row: Prisma.AuthorizerMessageCreateManyInput, batch: TDeliveryBatch) => {
  try {
    await insert([row], [batch]);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

const STORED: TStoreOutcome = { kind: "stored" };
const RETRY: TStoreOutcome = { kind: "retry" };

const writeGroup = async (everything: TPending[]) => {
  const db = getDb();
  let group = everything;
  try {
    // The accounts the group's platforms hold, by platform and appid (a group may mix platforms' URLs).
    const appids = [...new Set(everything.map((pending) => pending.row.appid))];
    const platformKeys = [...new Set(everything.map((pending) => pending.row.platformKey ?? ""))];
    const held = await db.authorizer.findMany({
      where: { appid: { in: appids }, platformKey: { in: platformKeys } },
      select: { platformKey: true, appid: true, userName: true },
    });
    const keyOf = (platformKey: string | undefined, appid: string) => `${platformKey ?? ""}/${appid}`;
    const known = new Map(held.map((row) => [keyOf(row.platformKey, row.appid), row.userName]));
    // An account whose original id wxopen knows only takes messages addressed to it (an account not held yet, or
    // held without its original id, such as the release check's test accounts, is taken as before).
    group = everything.filter((pending) => {
      const userName = known.get(keyOf(pending.row.platformKey, pending.row.appid));
      if (!userName || userName === pending.toUserName) return true;
      pending.resolve({ kind: "wrong_account", userName });
      return false;
    });
    if (group.length === 0) return;
    const rows = group.map((pending) => ({ ...pending.row, isKnownAppid: known.has(keyOf(pending.row.platformKey, pending.row.appid)) }));
    const batches = await Promise.all(
      group.map(async ({ event, claim }) => {
        const { bodies, deliveries } = await deliveriesFor(event);
        return fanOut({
          bodies,
          deliveries: deliveries.map((row) =>
            claim && row.ruleId === claim.ruleId ? { ...row, leaseToken: claim.leaseToken, leaseUntil: claim.leaseUntil } : row,
          ),
        });
      }),
    );
    try {
      await insert(rows, batches);
      for (const pending of group) pending.resolve(STORED);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The multi-row insert is all or nothing: find which are retries one by one, in arrival order.
      for (const [index, pending] of group.entries())
        await insertOne(rows[index], batches[index]).then((isNew) => pending.resolve(isNew ? STORED : RETRY), pending.reject);
    }
    if (batches.some(isForwarded)) wakeDeliveryWorker();
  } catch (error) {
    for (const pending of group) pending.reject(error);
  }
};

const addToGroup = groupedWrites(writeGroup, MAX_GROUP);

/**
 * Stores a received message and queues its deliveries (TStoreOutcome says whether this attempt stored it, it was a
 * retry, or it was addressed to another account and refused). Rejects when the database refuses.
 */
export const storeAuthorizerMessage = (
  { row, toUserName }: { row: TMessageRow; toUserName: string },
  event: TForwardEvent,
  claim?: TSyncClaim,
): Promise<TStoreOutcome> =>
  new Promise((resolve, reject) => {
    addToGroup({ row, toUserName, event, claim, resolve, reject });
  });
