import type { TAuthorizerAccessToken } from "./authorizer-token-state";

// Tokens this process answered in the last moments, by appid: the token API answers most calls from memory (the
// "central token server" pattern). Entries live SERVED_TOKEN_CACHE_MS, so a refresh or a status change made by
// another instance shows here within that time; refreshes and invalidations made here replace the entry at once.

export const SERVED_TOKEN_CACHE_MS = 2000;

type TEntry = { token: TAuthorizerAccessToken; cachedAt: number };
const globalForCache = globalThis as unknown as { wxopenServedTokens?: Map<string, TEntry> };
const entries = (globalForCache.wxopenServedTokens ??= new Map());
let prunedAt = 0;

/** At most once per lifetime: forget the entries past it, so the map holds only recent reads (not every account read since start). */
const pruneStale = (now: number) => {
  if (now - prunedAt < SERVED_TOKEN_CACHE_MS) return;
  prunedAt = now;
  for (const [appid, entry] of entries) if (now - entry.cachedAt >= SERVED_TOKEN_CACHE_MS) entries.delete(appid);
};

export const servedTokenCache = {
  get: (appid: string, now = Date.now()): TAuthorizerAccessToken | undefined => {
    const entry = entries.get(appid);
    if (entry && now - entry.cachedAt < SERVED_TOKEN_CACHE_MS) return entry.token;
    if (entry) entries.delete(appid);
    return undefined;
  },
  set: (token: TAuthorizerAccessToken, now = Date.now()) => {
    pruneStale(now);
    entries.set(token.appid, { token, cachedAt: now });
  },
  forget: (appid: string) => {
    entries.delete(appid);
  },
  size: () => entries.size,
};
