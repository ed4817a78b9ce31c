import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { platformFilter } from "../platforms/platform-key";
import { decryptSecret } from "../../secrets";
import { MESSAGE_TYPES, type TMessageType } from "../../wechat/message";

// Received messages and events, newest first, paged by id (keyset, like the event log). The summary is decrypted
// for the page; the sender is shown only as its hint.

/** Days are China Standard Time (UTC+8, no daylight saving): WeChat's and the operators' calendar. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export type ListAuthorizerMessagesOptions = {
  /** Only this platform's messages ("" the default one); every platform's when absent. */
  platformKey?: string;
  appid?: string;
  type?: TMessageType;
  /** YYYY-MM-DD, a day in China Standard Time. */
  date?: string;
  before?: number | null;
  limit?: number;
};

export type TMessageListItem = {
  id: number;
  /** The platform whose message URL took it ("" the default one). */
  platformKey: string;
  appid: string;
  /** The account's name when wxopen holds it. */
  nickName: string | null;
  isKnownAppid: boolean;
  msgType: string;
  event: string | null;
  summary: string;
  senderHint: string;
  /** "text": a passive reply; "custom": a customer-service message followed; "none". */
  replyKind: string;
  createTime: Date;
  receivedAt: Date;
};

/** The UTC instants a China day starts and ends at; a malformed date is a 400. */
export const chinaDayRange = (date: string) => {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(start)) throw new AppError("bad_request", "date must be a day as YYYY-MM-DD");
  return { gte: new Date(start - CHINA_OFFSET_MS), lt: new Date(start - CHINA_OFFSET_MS + 86_400_000) };
};

const typeFilter = (type: TMessageType | undefined): Prisma.AuthorizerMessageWhereInput => {
  if (!type) return {};
  if (type === "other") return { msgType: { notIn: [...MESSAGE_TYPES] } };
  return { msgType: type };
};

/** One page (limit 1–200, default 50) older than `before` (a message id), and the id to pass for the next page. */
export const listAuthorizerMessages = async ({
  platformKey,
  appid,
  type,
  date,
  before,
  limit = 50,
}: ListAuthorizerMessagesOptions = {}) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad_request", "limit must be a whole number from 1 to 200");
  const db = getDb();
  const rows = await db.authorizerMessage.findMany({
    where: {
      ...(platformKey !== undefined ? await platformFilter(platformKey) : {}),
      ...(appid ? { appid } : {}),
      ...typeFilter(type),
      ...(date ? { receivedAt: chinaDayRange(date) } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: {
      id: true,
      platformKey: true,
      appid: true,
      isKnownAppid: true,
      msgType: true,
      event: true,
      summary: true,
      senderHint: true,
      replyKind: true,
      createTime: true,
      receivedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const appids = [...new Set(page.map((row) => row.appid))];
  const names = new Map(
    (await db.authorizer.findMany({ where: { appid: { in: appids } }, select: { appid: true, nickName: true } })).map((row) => [
      row.appid,
      row.nickName,
    ]),
  );
  const items: TMessageListItem[] = page.map((row) => ({
    ...row,
    summary: decryptSecret(row.summary),
    nickName: names.get(row.appid) || null,
  }));
  return { items, nextBefore: rows.length > limit ? page[page.length - 1].id : null };
};
