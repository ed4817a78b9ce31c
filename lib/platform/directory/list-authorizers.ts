import { containsText, getDb, isPostgres, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { findSearchCandidates, SEARCH_CANDIDATE_LIMIT } from "./find-search-candidates";
import { DEFAULT_PLATFORM_KEY, platformFilter } from "../platforms/platform-key";

// The one query behind the dashboard's list and GET /api/v1/authorizers. Never selects token columns.
// At a million accounts: a search of 3 characters or more is narrowed by the trigram index first; each sort is read
// off an index of its own (migration authorizer_search_at_a_million); a filtered count stops at COUNT_LIMIT.

export const AUTHORIZER_SORTS = ["expiry", "name", "recent"] as const;
export type TAuthorizerSort = (typeof AUTHORIZER_SORTS)[number];

export type ListAuthorizersOptions = {
  /** The platform whose authorizations are listed ("" the default one). */
  platformKey?: string;
  q?: string;
  status?: string;
  kind?: string;
  scopeId?: number;
  sort?: TAuthorizerSort;
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string | null;
  limit?: number;
  /** Also count the matches (the dashboard's page does; the API does not). */
  withTotal?: boolean;
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

/** Soonest expiry first, a missing token before any (it is the most urgent); newest authorization first. */
const orderBy = (sort: TAuthorizerSort): Prisma.AuthorizerOrderByWithRelationInput[] => {
  // Spelled as each database's index is built: SQLite's ascending order already puts nulls first and its
  // descending order puts them last, and it reads an index only for the plain direction.
  const postgres = isPostgres();
  if (sort === "expiry") return [{ accessTokenExpiresAt: postgres ? { sort: "asc", nulls: "first" } : "asc" }, { appid: "asc" }];
  if (sort === "recent") return [{ authorizedAt: postgres ? { sort: "desc", nulls: "last" } : "desc" }, { appid: "asc" }];
  return [{ nickName: "asc" }, { appid: "asc" }];
};

/** The most candidates a SQLite query takes as a list of appids (999 bound values, room left for the other filters). */
const SQLITE_MAX_NARROWED = 900;

/** A count that an index cannot answer stops here, and the page says "2,000+". */
export const COUNT_LIMIT = SEARCH_CANDIDATE_LIMIT;

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

type TListFilters = Pick<ListAuthorizersOptions, "platformKey" | "q" | "status" | "kind" | "scopeId">;

/** The filters as a where clause, and how to count it (see countMatches). */
const authorizerFilter = async ({ platformKey = DEFAULT_PLATFORM_KEY, q, status, kind, scopeId }: TListFilters) => {
  const text = q?.trim();
  const search = text ? await findSearchCandidates(text) : null;
  // The candidates become `appid IN (…)`; Prisma binds at most 999 values per query on SQLite (32,766 on Postgres), so
  // past SQLITE_MAX_NARROWED SQLite searches by the text filter alone, counted up to COUNT_LIMIT like an unindexed search.
  const candidates = search && "appids" in search ? search.appids : null;
  const narrowed = candidates && (isPostgres() || candidates.length <= SQLITE_MAX_NARROWED) ? candidates : null;
  const where: Prisma.AuthorizerWhereInput = {
    ...(await platformFilter(platformKey)),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(scopeId !== undefined ? { scopes: { some: { scopeId } } } : {}),
    ...(narrowed ? { appid: { in: narrowed } } : {}),
    ...(text
      ? {
          OR: [
            { appid: containsText(text) },
            { nickName: containsText(text) },
            { principalName: containsText(text) },
            { userName: containsText(text) },
          ],
        }
      : {}),
  };
  const counting: TCounting =
    text && !narrowed
      ? search && "isMany" in search && !status && !kind && scopeId === undefined
        ? "many" // the index counted past the limit, and nothing else filters
        : "capped"
      : scopeId !== undefined
        ? "capped" // one EXISTS per account: exact would read them all
        : "exact";
  return { where, counting };
};

/**
 * How many match. "exact" where indexes answer: the status and kind filters, and a search the trigram index narrowed.
 * "many": the trigram index found more than COUNT_LIMIT. "capped": counted along the page's own order up to
 * COUNT_LIMIT, which stops early for a common word or scope (unordered, the database walks the primary key and fetches
 * every row); a rare one still reads every row, as the page itself does.
 */
type TCounting = "exact" | "many" | "capped";
const countMatches = async (where: Prisma.AuthorizerWhereInput, counting: TCounting, sort: TAuthorizerSort) => {
  const db = getDb();
  if (counting === "exact") return { count: await db.authorizer.count({ where }), isAtLeast: false };
  if (counting === "many") return { count: COUNT_LIMIT, isAtLeast: true };
  const rows = await db.authorizer.findMany({ where, orderBy: orderBy(sort), take: COUNT_LIMIT + 1, select: { appid: true } });
  return rows.length > COUNT_LIMIT ? { count: COUNT_LIMIT, isAtLeast: true } : { count: rows.length, isAtLeast: false };
};

/**
 * One page of authorizers (limit 1–200, default 50), the cursors of the next and previous pages (null at either end),
 * and with `withTotal` how many match (see countMatches).
 */
export const listAuthorizers = async ({
  sort = "expiry",
  cursor,
  limit = 50,
  withTotal = false,
  ...filters
}: ListAuthorizersOptions = {}) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad_request", "limit must be a whole number from 1 to 200");
  const offset = cursor ? decodeCursor(cursor) : 0;
  const { where, counting } = await authorizerFilter(filters);
  const [rows, total] = await Promise.all([
    getDb().authorizer.findMany({ where, orderBy: orderBy(sort), skip: offset, take: limit + 1, select: AUTHORIZER_LIST_SELECT }),
    withTotal ? countMatches(where, counting, sort) : null,
  ]);
  return {
    items: rows.slice(0, limit),
    nextCursor: rows.length > limit ? encodeCursor(offset + limit) : null,
    previousCursor: offset > 0 ? encodeCursor(Math.max(0, offset - limit)) : null,
    total,
  };
};
