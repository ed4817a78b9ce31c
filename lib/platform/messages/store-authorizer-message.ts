import { getDb, isUniqueViolation, type Prisma } from "../../db";

// The message URL's one write, grouped: messages that arrive while the previous group is being written go to the
// database together (one read of which appids wxopen holds, one multi-row insert). Under a burst this turns 500
// round trips into a handful, which is what keeps every answer inside WeChat's 5 s; alone, a message is written at
// once. A group that hits a duplicate (a retry) falls back to one insert per message, so each retry is told.

export type TMessageRow = Omit<Prisma.AuthorizerMessageCreateManyInput, "isKnownAppid">;

type TPending = { row: TMessageRow; resolve: (isNew: boolean) => void; reject: (error: unknown) => void };

/** Enough to make a burst cheap; 80 rows x 12 columns stays under the SQLite adapter's 999 parameters. */
const MAX_GROUP = 80;

let queue: TPending[] = [];
let isWriting = false;

const insertOne = async (row: Prisma.AuthorizerMessageCreateManyInput) => {
  try {
    await getDb().authorizerMessage.createMany({ data: [row] });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

const writeGroup = async (group: TPending[]) => {
  const db = getDb();
  try {
    const appids = [...new Set(group.map((pending) => pending.row.appid))];
    const known = new Set(
      (await db.authorizer.findMany({ where: { appid: { in: appids } }, select: { appid: true } })).map((row) => row.appid),
    );
    const rows = group.map((pending) => ({ ...pending.row, isKnownAppid: known.has(pending.row.appid) }));
    try {
      await db.authorizerMessage.createMany({ data: rows });
      for (const pending of group) pending.resolve(true);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The multi-row insert is all or nothing: find which are retries one by one, in arrival order.
      for (const [index, pending] of group.entries()) await insertOne(rows[index]).then(pending.resolve, pending.reject);
    }
  } catch (error) {
    for (const pending of group) pending.reject(error);
  }
};

/** Lets the requests already on the socket reach the queue (SQLite's driver is synchronous: without this, a burst
 * would be written one message at a time). */
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

const drain = async () => {
  isWriting = true;
  try {
    while (queue.length > 0) {
      await yieldToEventLoop();
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(MAX_GROUP);
      await writeGroup(group);
    }
  } finally {
    isWriting = false;
  }
};

/**
 * Stores a received message; resolves true when this attempt stored it, false when the row already existed (a
 * retry of a message already taken, on this instance or another). Rejects when the database refuses.
 */
export const storeAuthorizerMessage = (row: TMessageRow): Promise<boolean> =>
  new Promise((resolve, reject) => {
    queue.push({ row, resolve, reject });
    if (!isWriting) void drain();
  });
