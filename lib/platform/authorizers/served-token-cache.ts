import { authorizerKey, type TAuthorizerRef } from "../platforms/authorizer-ref";
import type { TAuthorizerAccessToken } from "./authorizer-token-state";

// Tokens this process answered in the last moments, by authorization (authorizerKey): the token API answers most calls from memory (the
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
  for (const [key, entry] of entries) if (now - entry.cachedAt >= SERVED_TOKEN_CACHE_MS) entries.delete(key);
};

export const servedTokenCache = {
  get: (ref: TAuthorizerRef, now = Date.now()): TAuthorizerAccessToken | undefined => {
    const key = authorizerKey(ref);
    const entry = entries.get(key);
    if (entry && now - entry.cachedAt < SERVED_TOKEN_CACHE_MS) return entry.token;
    if (entry) entries.delete(key);
    return undefined;
  },
  set: (token: TAuthorizerAccessToken, now = Date.now()) => {
    pruneStale(now);
    entries.set(authorizerKey(token), { token, cachedAt: now });
  },
  forget: (ref: TAuthorizerRef) => {
    entries.delete(authorizerKey(ref));
  },
  size: () => entries.size,
};
