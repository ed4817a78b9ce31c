import { timingSafeEqual } from "node:crypto";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { getAuthorizerAccessToken } from "./get-authorizer-access-token";
import { getTokenSource } from "../upstream/get-token-source";
import { recordEvent } from "../activity/record-event";
import { servedTokenCache } from "./served-token-cache";
import { fetchUpstream, toUpstreamToken, upstreamAuthorizerPath, upstreamTokens } from "../upstream/upstream-client";
import { authorizerKey, authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";

/** How far back an invalidated token's expiry is set (see below). */
const EXPIRED_MARGIN_MS = 60_000;

export type InvalidateAuthorizerTokenOptions = TAuthorizerRef & { accessToken: string; actor?: string | null };

export type TInvalidatedToken = { platformKey: string; appid: string; accessToken: string; expiresAt: Date; invalidated: boolean };

const isSameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Upstream mode: the owner of the token decides; we keep what it answers. */
const invalidateUpstream = async ({ accessToken, actor: _actor, ...ref }: InvalidateAuthorizerTokenOptions): Promise<TInvalidatedToken> => {
  const answer = await fetchUpstream(`${upstreamAuthorizerPath(ref)}/access-token/invalidate`, {
    method: "POST",
    body: { accessToken },
  });
  const token = toUpstreamToken(answer);
  upstreamTokens.set(authorizerKey(ref), token);
  servedTokenCache.set({ ...ref, ...token });
  return { ...ref, ...token, invalidated: answer.invalidated === true };
};

/**
 * A caller reports that WeChat rejected `accessToken` (40001/42001/40014). Compare-and-expire: only if it is still
 * the stored token is it expired, so a burst of reports with the same old token causes one refresh (the
 * per-appid single flight and lease in refreshAuthorizerToken collapse the callers). Answers the current token.
 */
export const invalidateAuthorizerToken = async (options: InvalidateAuthorizerTokenOptions): Promise<TInvalidatedToken> => {
  if (getTokenSource().mode === "upstream") return invalidateUpstream(options);
  const { accessToken, actor = null, ...ref } = options;
  const { appid } = ref;
  const db = getDb();
  const row = await db.authorizer.findUnique({ where: authorizerWhere(ref), select: { accessTokenHash: true } });
  if (!row) throw new AppError("not_found", `No authorizer has appid ${appid}`);
  const presentedHash = hashSecret(accessToken);
  let isInvalidated = false;
  if (row.accessTokenHash && isSameHash(presentedHash, row.accessTokenHash)) {
    // The condition on the hash makes it a compare-and-set: a token refreshed meanwhile is left alone, and one
    // already expired by an earlier report of the burst is not expired (nor recorded) again.
    const now = new Date();
    const { count } = await db.authorizer.updateMany({
      where: { ...ref, status: "authorized", accessTokenHash: presentedHash, accessTokenExpiresAt: { gt: now } },
      // A minute back, not `now`: a concurrent report read its own clock a moment earlier, and `expiresAt > its now`
      // must be false once this one has written, or two reports of one token would both count as the one.
      data: { accessTokenExpiresAt: new Date(now.getTime() - EXPIRED_MARGIN_MS) },
    });
    isInvalidated = count === 1;
    if (isInvalidated)
      await recordEvent({
        kind: "token.invalidated",
        platformKey: ref.platformKey,
        appid,
        message: "A caller reported the access token rejected by WeChat; expired it",
        actor,
      });
  }
  servedTokenCache.forget(ref);
  const current = await getAuthorizerAccessToken(ref);
  servedTokenCache.set(current);
  return { ...current, invalidated: isInvalidated };
};
