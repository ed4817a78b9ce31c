import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizer-status";
import { AUTHORIZER_SORTS, type ListAuthorizersOptions, type TAuthorizerSort } from "@/lib/platform/list-authorizers";

// The authorizer list's state lives in the URL query: q, kind, status, scope, sort, cursor. Unknown values are dropped.

export const ACCOUNT_KINDS = ["official_account", "mini_program"] as const;

export type TSearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export const parseAuthorizerListQuery = (params: TSearchParams) => {
  const status = first(params.status);
  const kind = first(params.kind);
  const sort = first(params.sort);
  const scope = Number(first(params.scope));
  return {
    q: first(params.q)?.slice(0, 100),
    status: status && (AUTHORIZER_STATUSES as readonly string[]).includes(status) ? status : undefined,
    kind: kind && (ACCOUNT_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    scopeId: Number.isInteger(scope) && scope > 0 ? scope : undefined,
    sort: (sort && (AUTHORIZER_SORTS as readonly string[]).includes(sort) ? sort : "expiry") as TAuthorizerSort,
    cursor: first(params.cursor) ?? null,
  } satisfies ListAuthorizersOptions;
};

export type TAuthorizerListQuery = ReturnType<typeof parseAuthorizerListQuery>;

/** The list URL for a query, with `changes` applied (undefined removes a key). */
export const authorizerListHref = (query: TAuthorizerListQuery, changes: Partial<Record<"q" | "status" | "kind" | "scope" | "sort" | "cursor", string | undefined>> = {}) => {
  const params = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    q: query.q,
    kind: query.kind,
    status: query.status,
    scope: query.scopeId?.toString(),
    sort: query.sort === "expiry" ? undefined : query.sort,
    cursor: query.cursor ?? undefined,
    ...changes,
  };
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/authorizers?${search}` : "/authorizers";
};
