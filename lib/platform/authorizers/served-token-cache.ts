import type { TAuthorizerAccessToken } from "./authorizer-token-state";

// Tokens this process answered in the last moments, by appid: the token API answers most calls from memory (the
// "central token server" pattern). Entries live SERVED_TOKEN_CACHE_MS, so a refresh or a status change made by
// another instance shows here within that time; refreshes and invalidations made here replace the entry at once.

export const SERVED_TOKEN_CACHE_MS = 2000;

type TEntry = { token: TAuthorizerAccessToken; cachedAt: number };
const globalForCache = globalThis as unknown as { wxopenServedTokens?: Map<string, TEntry> };
const entries = (globalForCache.wxopenServedTokens ??= new Map());

export const servedTokenCache = {
  get: (appid: string, now = Date.now()): TAuthorizerAccessToken | undefined => {
    const entry = entries.get(appid);
    if (entry && now - entry.cachedAt < SERVED_TOKEN_CACHE_MS) return entry.token;
    if (entry) entries.delete(appid);
    return undefined;
  },
  set: (token: TAuthorizerAccessToken, now = Date.now()) => {
    entries.set(token.appid, { token, cachedAt: now });
  },
  forget: (appid: string) => {
    entries.delete(appid);
  },
};
