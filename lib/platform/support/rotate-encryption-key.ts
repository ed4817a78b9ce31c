import { getDb } from "../../db";
import { currentKeyId, currentKeyPrefix, decryptSecret, encryptSecret } from "../../secrets";

// Every encrypted column, by table: re-encrypted under the current (first) key by rotateEncryptionKey.
type TColumnSpec = {
  name: string;
  /** Rows whose value is not under the current key yet, oldest first, at most `take`. */
  pending: (prefix: string, take: number) => Promise<Array<{ id: string; value: string }>>;
  count: (prefix: string) => Promise<number>;
  /** Writes the new value only while the old one is stored (a refresh meanwhile wrote a newer one: keep it). */
  replace: (id: string, from: string, to: string) => Promise<number>;
};

/** Values not under the current key (NULLs never match: SQL's NOT LIKE of NULL is not true). */
const notUnder = (column: string, prefix: string) => ({ NOT: { [column]: { startsWith: prefix } } });

const COLUMNS = (): TColumnSpec[] => {
  const db = getDb();
  const authorizerColumn = (column: "accessToken" | "refreshToken"): TColumnSpec => ({
    name: `Authorizer.${column}`,
    pending: async (prefix, take) =>
      (
        await db.authorizer.findMany({
          where: notUnder(column, prefix),
          orderBy: { appid: "asc" },
          take,
          select: { appid: true, accessToken: true, refreshToken: true },
        })
      ).map((row) => ({ id: row.appid, value: row[column]! })),
    count: (prefix) => db.authorizer.count({ where: notUnder(column, prefix) }),
    replace: async (id, from, to) =>
      (await db.authorizer.updateMany({ where: { appid: id, [column]: from }, data: { [column]: to } })).count,
  });
  const messageColumn = (column: "sender" | "summary" | "fields" | "answer"): TColumnSpec => ({
    name: `AuthorizerMessage.${column}`,
    pending: async (prefix, take) =>
      (
        await db.authorizerMessage.findMany({
          where: notUnder(column, prefix),
          orderBy: { id: "asc" },
          take,
          select: { id: true, sender: true, summary: true, fields: true, answer: true },
        })
      ).map((row) => ({ id: String(row.id), value: row[column]! })),
    count: (prefix) => db.authorizerMessage.count({ where: notUnder(column, prefix) }),
    replace: async (id, from, to) =>
      (await db.authorizerMessage.updateMany({ where: { id: Number(id), [column]: from }, data: { [column]: to } })).count,
  });
  const platformColumn = (column: "appsecret" | "token" | "encodingAesKey"): TColumnSpec => ({
    name: `Platform.${column}`,
    pending: async (prefix, take) =>
      (
        await db.platform.findMany({
          where: notUnder(column, prefix),
          orderBy: { componentAppid: "asc" },
          take,
          select: { componentAppid: true, appsecret: true, token: true, encodingAesKey: true },
        })
      ).map((row) => ({ id: row.componentAppid, value: row[column] })),
    count: (prefix) => db.platform.count({ where: notUnder(column, prefix) }),
    replace: async (id, from, to) =>
      (await db.platform.updateMany({ where: { componentAppid: id, [column]: from }, data: { [column]: to } })).count,
  });
  return [
    platformColumn("appsecret"),
    platformColumn("token"),
    platformColumn("encodingAesKey"),
    authorizerColumn("refreshToken"),
    authorizerColumn("accessToken"),
    messageColumn("sender"),
    messageColumn("summary"),
    messageColumn("fields"),
    messageColumn("answer"),
    {
      name: "ComponentToken.accessToken",
      pending: async (prefix, take) =>
        (await db.componentToken.findMany({ where: notUnder("accessToken", prefix), take })).map((row) => ({
          id: row.componentAppid,
          value: row.accessToken,
        })),
      count: (prefix) => db.componentToken.count({ where: notUnder("accessToken", prefix) }),
      replace: async (id, from, to) =>
        (await db.componentToken.updateMany({ where: { componentAppid: id, accessToken: from }, data: { accessToken: to } })).count,
    },
    {
      name: "VerifyTicket.ticket",
      pending: async (prefix, take) =>
        (await db.verifyTicket.findMany({ where: notUnder("ticket", prefix), orderBy: { id: "asc" }, take })).map((row) => ({
          id: String(row.id),
          value: row.ticket,
        })),
      count: (prefix) => db.verifyTicket.count({ where: notUnder("ticket", prefix) }),
      replace: async (id, from, to) =>
        (await db.verifyTicket.updateMany({ where: { id: Number(id), ticket: from }, data: { ticket: to } })).count,
    },
    {
      name: "SecondFactor.secret",
      pending: async (prefix, take) =>
        (
          await db.secondFactor.findMany({
            where: notUnder("secret", prefix),
            orderBy: { userId: "asc" },
            take,
            select: { userId: true, secret: true },
          })
        ).map((row) => ({ id: row.userId, value: row.secret })),
      count: (prefix) => db.secondFactor.count({ where: notUnder("secret", prefix) }),
      replace: async (id, from, to) =>
        (await db.secondFactor.updateMany({ where: { userId: id, secret: from }, data: { secret: to } })).count,
    },
    {
      name: "ForwardingRule.secret",
      pending: async (prefix, take) =>
        (
          await db.forwardingRule.findMany({
            where: notUnder("secret", prefix),
            orderBy: { id: "asc" },
            take,
            select: { id: true, secret: true },
          })
        ).map((row) => ({ id: row.id, value: row.secret })),
      count: (prefix) => db.forwardingRule.count({ where: notUnder("secret", prefix) }),
      replace: async (id, from, to) => (await db.forwardingRule.updateMany({ where: { id, secret: from }, data: { secret: to } })).count,
    },
    {
      // One body per event, shared by its deliveries: re-encrypted once for all of them.
      name: "DeliveryBody.content",
      pending: async (prefix, take) =>
        (
          await db.deliveryBody.findMany({
            where: notUnder("content", prefix),
            orderBy: { id: "asc" },
            take,
            select: { id: true, content: true },
          })
        ).map((row) => ({ id: row.id, value: row.content })),
      count: (prefix) => db.deliveryBody.count({ where: notUnder("content", prefix) }),
      replace: async (id, from, to) => (await db.deliveryBody.updateMany({ where: { id, content: from }, data: { content: to } })).count,
    },
    {
      name: "Delivery.lastResponse",
      pending: async (prefix, take) =>
        (
          await db.delivery.findMany({
            where: notUnder("lastResponse", prefix),
            orderBy: { id: "asc" },
            take,
            select: { id: true, lastResponse: true },
          })
        ).map((row) => ({ id: String(row.id), value: row.lastResponse! })),
      count: (prefix) => db.delivery.count({ where: notUnder("lastResponse", prefix) }),
      replace: async (id, from, to) =>
        (await db.delivery.updateMany({ where: { id: Number(id), lastResponse: from }, data: { lastResponse: to } })).count,
    },
    {
      name: "PreAuthCode.code",
      pending: async (prefix, take) =>
        (await db.preAuthCode.findMany({ where: notUnder("code", prefix), orderBy: { codeHash: "asc" }, take })).map((row) => ({
          id: row.codeHash,
          value: row.code,
        })),
      count: (prefix) => db.preAuthCode.count({ where: notUnder("code", prefix) }),
      replace: async (id, from, to) => (await db.preAuthCode.updateMany({ where: { codeHash: id, code: from }, data: { code: to } })).count,
    },
  ];
};

export type TRotationProgress = { column: string; done: number; total: number };

export type RotateEncryptionKeyOptions = { batchSize?: number; onProgress?: (progress: TRotationProgress) => void };

/**
 * Re-encrypts every stored secret under the first key of DATA_ENCRYPTION_KEYS, in batches, while the app runs: each
 * value is replaced only if it is still the one read (compare-and-set), so a token refreshed meanwhile is never
 * overwritten. Resumable: a run selects only values not yet under the current key. Answers the counts per column.
 */
export const rotateEncryptionKey = async ({ batchSize = 500, onProgress }: RotateEncryptionKeyOptions = {}) => {
  const prefix = currentKeyPrefix();
  const results: Array<TRotationProgress & { skipped: number }> = [];
  for (const column of COLUMNS()) {
    const total = await column.count(prefix);
    let done = 0;
    let skipped = 0;
    onProgress?.({ column: column.name, done, total });
    for (;;) {
      const rows = await column.pending(prefix, batchSize);
      if (!rows.length) break;
      for (const row of rows) {
        const replaced = await column.replace(row.id, row.value, encryptSecret(decryptSecret(row.value)));
        if (replaced) done += 1;
        else skipped += 1; // written meanwhile, already under the current key
      }
      onProgress?.({ column: column.name, done, total });
    }
    results.push({ column: column.name, done, total, skipped });
  }
  return { keyId: currentKeyId(), columns: results };
};
