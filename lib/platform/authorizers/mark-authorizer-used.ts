import { getDb } from "../../db";
import { log } from "../../log";
import { getTokenSource } from "../upstream/get-token-source";
import { authorizerKey, type TAuthorizerRef } from "../platforms/authorizer-ref";

// When a service last used an account's token (read it, or called WeChat through the proxy): REFRESH_POLICY=active
// keeps only accounts used within ACTIVE_DAYS fresh. Written at most once an hour per account and instance, and
// never on the caller's time.

const MARK_INTERVAL_MS = 3600_000;

const globalForUse = globalThis as unknown as { wxopenMarkedUse?: Map<string, number> };
const marked = (globalForUse.wxopenMarkedUse ??= new Map());

export const markAuthorizerUsed = (ref: TAuthorizerRef, now = Date.now()) => {
  const key = authorizerKey(ref);
  const last = marked.get(key);
  if (last !== undefined && now - last < MARK_INTERVAL_MS) return;
  if (getTokenSource().mode === "upstream") return; // the upstream instance marks its own rows
  if (marked.size > 100_000) marked.clear();
  marked.set(key, now);
  void getDb()
    .authorizer.updateMany({
      where: { ...ref, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - MARK_INTERVAL_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    })
    .catch((error: unknown) => log.warn("authorizer.mark_used_failed", { appid: ref.appid, error }));
};
