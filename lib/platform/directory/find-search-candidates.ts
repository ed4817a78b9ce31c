import { getDb, isPostgres } from "../../db";

// The trigram index behind the list's search (migration authorizer_search_at_a_million): AuthorizerSearch holds each
// account's "appid nickName principalName userName", kept in step by triggers; Postgres indexes it with pg_trgm,
// SQLite with an FTS5 trigram table. A trigram index narrows a search only for 3 characters or more.

export const SEARCH_CANDIDATE_LIMIT = 2000;
const MIN_INDEXED_LENGTH = 3;

/** `%text%` for ILIKE, with the pattern characters escaped (backslash is its default escape). */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * FTS5 answers LIKE from the trigram index only without an ESCAPE clause, where % and _ are wildcards: the texts are
 * read back and kept only if they hold the search literally (any case).
 */
const findInSqlite = async (text: string) => {
  const rows = await getDb().$queryRaw<Array<{ appid: string; text: string }>>`
    SELECT s."appid", s."text" FROM "AuthorizerSearchIndex" i JOIN "AuthorizerSearch" s ON s."id" = i.rowid
    WHERE i."text" LIKE ${`%${text}%`} LIMIT ${SEARCH_CANDIDATE_LIMIT + 1}`;
  if (!/[%_]/.test(text)) return rows;
  const literal = text.toLowerCase();
  return rows.filter((row) => row.text.toLowerCase().includes(literal));
};

/**
 * What the trigram index says of a search: the appids whose searchable text contains `text` (any case) when there are
 * at most SEARCH_CANDIDATE_LIMIT, else `isMany` (a common word: the plain scan finds a page of it quickly). These are
 * a superset of the search's matches (the text joins the four fields, and FTS5 folds more than ASCII case), so the
 * caller keeps its own filter. null when the index cannot answer: fewer than 3 characters.
 */
export const findSearchCandidates = async (text: string): Promise<{ appids: string[] } | { isMany: true } | null> => {
  if ([...text].length < MIN_INDEXED_LENGTH) return null;
  const rows = isPostgres()
    ? await getDb().$queryRaw<Array<{ appid: string }>>`
        SELECT "appid" FROM "AuthorizerSearch" WHERE "text" ILIKE ${containsPattern(text)} LIMIT ${SEARCH_CANDIDATE_LIMIT + 1}`
    : await findInSqlite(text);
  return rows.length > SEARCH_CANDIDATE_LIMIT ? { isMany: true } : { appids: rows.map((row) => row.appid) };
};
