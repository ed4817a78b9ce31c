import { AUTHORIZER_KINDS } from "../platform/authorizers/authorizer-kind";
import { AUTHORIZER_STATUSES } from "../platform/authorizers/authorizer-status";
import { AUTHORIZER_SORTS, type ListAuthorizersOptions, type TAuthorizerSort } from "../platform/directory/list-authorizers";
import { firstParam, isOneOf, type TSearchParams } from "./search-params";

// The authorizer list's state lives in the URL query: q, kind, status, scope, sort, cursor (and the chosen platform). Unknown values are dropped
// (a bookmark outlives a renamed filter); GET /api/v1/authorizers answers 400 for them instead.

export const parseAuthorizerListQuery = (params: TSearchParams) => {
  const status = firstParam(params.status);
  const kind = firstParam(params.kind);
  const sort = firstParam(params.sort);
  const scope = Number(firstParam(params.scope));
  return {
    q: firstParam(params.q)?.slice(0, 100),
    status: isOneOf(AUTHORIZER_STATUSES, status) ? status : undefined,
    kind: isOneOf(AUTHORIZER_KINDS, kind) ? kind : undefined,
    scopeId: Number.isInteger(scope) && scope > 0 ? scope : undefined,
    sort: (isOneOf(AUTHORIZER_SORTS, sort) ? sort : "expiry") as TAuthorizerSort,
    cursor: firstParam(params.cursor) ?? null,
    /** The chosen platform's component appid (dashboard-platform.ts); absent for the default one. */
    platform: firstParam(params.platform),
  } satisfies ListAuthorizersOptions & { platform?: string };
};

export type TAuthorizerListQuery = ReturnType<typeof parseAuthorizerListQuery>;

/** The list URL for a query, with `changes` applied (undefined removes a key). */
export const authorizerListHref = (
  query: TAuthorizerListQuery,
  changes: Partial<Record<"q" | "status" | "kind" | "scope" | "sort" | "cursor" | "platform", string | undefined>> = {},
) => {
  const params = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    q: query.q,
    kind: query.kind,
    status: query.status,
    scope: query.scopeId?.toString(),
    sort: query.sort === "expiry" ? undefined : query.sort,
    cursor: query.cursor ?? undefined,
    platform: query.platform,
    ...changes,
  };
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/authorizers?${search}` : "/authorizers";
};
