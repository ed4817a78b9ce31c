import { containsText, getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";

// The one query behind the dashboard's list and GET /api/v1/authorizers. Never selects token columns.

export const AUTHORIZER_SORTS = ["expiry", "name", "recent"] as const;
export type TAuthorizerSort = (typeof AUTHORIZER_SORTS)[number];

export type ListAuthorizersOptions = {
  q?: string;
  status?: string;
  kind?: string;
  scopeId?: number;
  sort?: TAuthorizerSort;
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string | null;
  limit?: number;
};

export const AUTHORIZER_LIST_SELECT = {
  appid: true,
  kind: true,
  status: true,
  statusReason: true,
  nickName: true,
  headImg: true,
  principalName: true,
  userName: true,
  accessTokenExpiresAt: true,
  lastRefreshAt: true,
  lastRefreshOk: true,
  lastRefreshError: true,
  lastErrcode: true,
  authorizedAt: true,
  scopes: { select: { scopeId: true }, orderBy: { scopeId: "asc" } },
} satisfies Prisma.AuthorizerSelect;

export type TAuthorizerListItem = Prisma.AuthorizerGetPayload<{ select: typeof AUTHORIZER_LIST_SELECT }>;

const ORDER_BY: Record<TAuthorizerSort, Prisma.AuthorizerOrderByWithRelationInput[]> = {
  expiry: [{ accessTokenExpiresAt: { sort: "asc", nulls: "last" } }, { appid: "asc" }],
  name: [{ nickName: "asc" }, { appid: "asc" }],
  recent: [{ authorizedAt: { sort: "desc", nulls: "last" } }, { appid: "asc" }],
};

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64url");
const decodeCursor = (cursor: string): number => {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { offset: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new AppError("bad_request", "cursor is not one this server gave out; start again without a cursor");
};

export const authorizerFilter = ({
  q,
  status,
  kind,
  scopeId,
}: Pick<ListAuthorizersOptions, "q" | "status" | "kind" | "scopeId">): Prisma.AuthorizerWhereInput => {
  const text = q?.trim();
  return {
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(scopeId !== undefined ? { scopes: { some: { scopeId } } } : {}),
    ...(text
      ? {
          OR: [
            { appid: { startsWith: text } },
            { nickName: containsText(text) },
            { principalName: containsText(text) },
            { userName: { startsWith: text } },
          ],
        }
      : {}),
  };
};

/** One page of authorizers (limit 1–200, default 50) and the cursors of the next and previous pages (null at either end). */
export const listAuthorizers = async ({ sort = "expiry", cursor, limit = 50, ...filters }: ListAuthorizersOptions = {}) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad_request", "limit must be a whole number from 1 to 200");
  const offset = cursor ? decodeCursor(cursor) : 0;
  const rows = await getDb().authorizer.findMany({
    where: authorizerFilter(filters),
    orderBy: ORDER_BY[sort],
    skip: offset,
    take: limit + 1,
    select: AUTHORIZER_LIST_SELECT,
  });
  return {
    items: rows.slice(0, limit),
    nextCursor: rows.length > limit ? encodeCursor(offset + limit) : null,
    previousCursor: offset > 0 ? encodeCursor(Math.max(0, offset - limit)) : null,
  };
};

/** How many authorizers match the filters (for page counts). */
export const countAuthorizers = (filters: Pick<ListAuthorizersOptions, "q" | "status" | "kind" | "scopeId"> = {}) =>
  getDb().authorizer.count({ where: authorizerFilter(filters) });
