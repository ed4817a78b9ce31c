import { getDb, type Db, type DbTransaction } from "../../db";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { decryptSecret, encryptSecret, hashSecret } from "../../secrets";
import { WechatApiError } from "../../wechat/errors";
import {
  AUTHORIZER_TOKEN_STATE_SELECT,
  assertServable,
  readAuthorizerTokenState,
  remainingMs,
  storedAccessToken,
  type TAuthorizerAccessToken,
  type TAuthorizerTokenState,
} from "./authorizer-token-state";
import { callWithComponentToken } from "../component/call-with-component-token";
import { assertOwnsTokens } from "../upstream/get-token-source";
import { recordEvent } from "../activity/record-event";
import { countRoutineRefresh } from "../../metrics";
import { singleFlight } from "../support/single-flight";
import { getWechatClient } from "../support/wechat-client";
import { recoverRefreshToken } from "./recover-refresh-token";
import { servedTokenCache } from "./served-token-cache";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { requirePlatformOfKey } from "../platforms/platform-key";
import { authorizerKey, type TAuthorizerRef } from "../platforms/authorizer-ref";

export type RefreshAuthorizerTokenOptions = TAuthorizerRef & { force?: boolean; actor?: string | null };

const LEASE_TTL_MS = 45_000;
const WAIT_LIMIT_MS = 50_000;
const POLL_MS = 200;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 30 * 60_000;

/** Answers that end the authorization: no retry until the merchant authorizes again. */
const PERMANENT: Record<number, { status: "needs_reauthorization" | "unauthorized"; reason: string; isAccessTokenDead: boolean }> = {
  61023: {
    status: "needs_reauthorization",
    reason:
      "WeChat rejected the stored refresh token (61023 refresh_token is invalid) and api_get_authorizer_info had no other: the account authorized again elsewhere or the token was replaced. It must authorize again.",
    isAccessTokenDead: false,
  },
  42007: {
    status: "needs_reauthorization",
    reason: "WeChat voided the account's tokens (42007), usually because its administrator changed the password. It must authorize again.",
    isAccessTokenDead: true,
  },
  61003: {
    status: "unauthorized",
    reason: "WeChat says the account no longer authorizes this platform (61003). It must authorize again.",
    isAccessTokenDead: true,
  },
};

/** 1, 2, 4, 8, 16 minutes, then every 30. */
export const refreshBackoffMs = (failures: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_CAP_MS);

/** A non-forced refresh leaves a token alone that the sweep would not pick yet (the serve margin is inside it). */
const skipWindowMs = () => getEnv().REFRESH_WINDOW_MINUTES * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** api_authorizer_token with the component token of the platform the account authorized. */
const callWechat = async ({ platformKey, appid }: TAuthorizerRef, refreshToken: string) => {
  const platform = await requirePlatformOfKey(platformKey);
  return callWithComponentToken(
    (componentAccessToken) => getWechatClient(platform).refreshAuthorizerToken(componentAccessToken, appid, refreshToken),
    platform,
  );
};

const failureColumns = (row: TAuthorizerTokenState, message: string, errcode: number | null) => ({
  lastRefreshAt: new Date(),
  lastRefreshOk: false,
  lastRefreshError: message.slice(0, 500),
  lastErrcode: errcode,
  refreshFailures: row.refreshFailures + 1,
});

const recordFailure = (
  { platformKey, appid }: TAuthorizerRef,
  actor: string,
  message: string,
  errcode: number | null,
  detail: Record<string, unknown>,
  transaction?: DbTransaction,
) => recordEvent({ kind: "token.refresh_failed", platformKey, appid, outcome: "error", errcode, message, detail, actor }, transaction);

/**
 * Every write of a refresh's outcome is compare-and-set on the authorization it was read with: a re-authorization
 * (or a cancellation) saved while WeChat answered is newer, and a lost race writes nothing.
 */
const sameAuthorization = (row: TAuthorizerTokenState) => ({
  platformKey: row.platformKey,
  appid: row.appid,
  status: "authorized",
  refreshToken: row.refreshToken,
});

/** After a lost race: what the newer authorization holds, or a retryable error. */
const answerAfterLostRace = async (ref: TAuthorizerRef) => {
  const current = await readAuthorizerTokenState(ref);
  assertServable(current, ref.appid);
  const stored = storedAccessToken(current);
  if (stored) return stored;
  throw new AppError("unavailable", `The authorization of ${ref.appid} changed while its token was being refreshed; try again.`);
};

/**
 * 61023 / 42007 / 61003 (or no refresh token at all): the status changes, the refresh token is kept, and callers get a
 * conflict. Answers null when the authorization changed meanwhile (nothing written: the answer was about the old one).
 */
const endAuthorization = async (row: TAuthorizerTokenState, actor: string, errcode: number | null, outcome: (typeof PERMANENT)[number]) => {
  const isWritten = await getDb().$transaction(async (transaction) => {
    const { count } = await transaction.authorizer.updateMany({
      where: sameAuthorization(row),
      data: {
        ...failureColumns(row, outcome.reason, errcode),
        status: outcome.status,
        statusReason: outcome.reason,
        nextRetryAt: null,
        ...(outcome.status === "unauthorized" ? { unauthorizedAt: new Date() } : {}),
        ...(outcome.isAccessTokenDead ? { accessToken: null, accessTokenHash: null, accessTokenExpiresAt: null } : {}),
      },
    });
    if (count === 1) {
      await recordFailure(row, actor, outcome.reason, errcode, { status: outcome.status, isRetrying: false }, transaction);
      // Services that act on an account (billing, a CRM) hear it in the same transaction (the outbox).
      const type = outcome.status === "unauthorized" ? "authorization.unauthorized" : "authorizer.needs_reauthorization";
      const data = { appid: row.appid, at: new Date().toISOString(), source: "refresh", errcode, reason: outcome.reason };
      await enqueueDeliveries(transaction, [{ type, appid: row.appid, platformKey: row.platformKey, occurredAt: new Date(), data }]);
    }
    return count === 1;
  });
  if (!isWritten) return null;
  wakeDeliveryWorker();
  return new AppError(
    "conflict",
    `Tokens for ${row.appid} are not served (status ${outcome.status}): ${outcome.reason} Send the merchant a new authorization link.`,
    {
      status: outcome.status,
      reason: outcome.reason,
      errcode,
    },
  );
};

/** -1, 45011, 5xx, timeouts, bad shapes: stored tokens untouched, retry later with backoff (unless the authorization changed meanwhile). */
const recordTransientFailure = async (row: TAuthorizerTokenState, actor: string, error: Error) => {
  const errcode = error instanceof WechatApiError ? error.errcode : null;
  const nextRetryAt = new Date(Date.now() + refreshBackoffMs(row.refreshFailures + 1));
  await getDb().$transaction(async (transaction) => {
    const { count } = await transaction.authorizer.updateMany({
      where: sameAuthorization(row),
      data: { ...failureColumns(row, error.message, errcode), nextRetryAt },
    });
    if (count === 0) return;
    await recordFailure(
      row,
      actor,
      error.message,
      errcode,
      { isRetrying: true, nextRetryAt: nextRetryAt.toISOString(), failures: row.refreshFailures + 1 },
      transaction,
    );
  });
};

/**
 * Calls api_authorizer_token and stores the answer: both tokens in one write, only over the refresh token it was read
 * with. Answers the token and whether that write also gave the refresh lease up.
 */
const refreshNow = async (
  row: TAuthorizerTokenState,
  actor: string,
  force: boolean,
  canRecover = true,
): Promise<{ token: TAuthorizerAccessToken; isLeaseReleased: boolean }> => {
  if (!row.refreshToken) {
    const conflict = await endAuthorization(row, actor, null, {
      status: "needs_reauthorization",
      reason: "No refresh token is stored for this account (WeChat gave none when it authorized). It must authorize again.",
      isAccessTokenDead: false,
    });
    if (conflict) throw conflict;
    // A newer authorization was saved meanwhile: its token is the answer.
    return { token: await answerAfterLostRace(row), isLeaseReleased: false };
  }
  const refreshToken = decryptSecret(row.refreshToken);
  let answer;
  try {
    answer = await callWechat(row, refreshToken);
  } catch (error) {
    // 61023: WeChat may hold another refresh token for the account (rotated behind wxopen's back): stored, tried once.
    if (canRecover && error instanceof WechatApiError && error.errcode === 61023) {
      const recovery = await recoverRefreshToken({ row, rejected: refreshToken, actor });
      if (recovery.outcome === "recovered") return refreshNow(recovery.row, actor, force, false);
      if (recovery.outcome === "changed") return { token: await answerAfterLostRace(row), isLeaseReleased: false };
    }
    const permanent = error instanceof WechatApiError ? PERMANENT[error.errcode] : undefined;
    if (permanent) {
      const conflict = await endAuthorization(row, actor, (error as WechatApiError).errcode, permanent);
      if (conflict) throw conflict;
      return { token: await answerAfterLostRace(row), isLeaseReleased: false };
    }
    await recordTransientFailure(row, actor, error as Error);
    throw error;
  }
  const now = new Date();
  const expiresAt = new Date(now.getTime() + answer.expiresIn * 1000);
  const isRotated = Boolean(answer.refreshToken && answer.refreshToken !== refreshToken);
  const columns = {
    accessToken: encryptSecret(answer.accessToken),
    accessTokenHash: hashSecret(answer.accessToken),
    accessTokenExpiresAt: expiresAt,
    ...(answer.refreshToken ? { refreshToken: encryptSecret(answer.refreshToken) } : {}),
    lastRefreshAt: now,
    lastRefreshOk: true,
    lastRefreshError: null,
    lastErrcode: null,
    refreshFailures: 0,
    nextRetryAt: null,
    // The refresh lease goes with the write that ends the refresh (see refresh below).
    ...LEASE_RELEASED,
  };
  // Compare-and-set on the refresh token read: a re-authorization saved meanwhile is newer and must not be overwritten.
  const save = async (transaction: DbTransaction | Db) =>
    (await transaction.authorizer.updateMany({ where: sameAuthorization(row), data: columns })).count === 1;
  // The sweep's routine refreshes leave no event row (a million accounts would write 14 million a day): the sweep run
  // keeps their count and the row its lastRefreshAt, and the one update needs no transaction. Refreshes a person or a
  // service asked for are events, written in the update's transaction.
  const isRoutine = actor === "sweep" && !force;
  const isSaved = isRoutine
    ? await save(getDb())
    : await getDb().$transaction(async (transaction) => {
        const isWritten = await save(transaction);
        if (isWritten) {
          await recordEvent(
            {
              kind: "token.refreshed",
              platformKey: row.platformKey,
              appid: row.appid,
              message: "authorizer_access_token refreshed",
              detail: { expiresAt: expiresAt.toISOString(), isRefreshTokenRotated: isRotated, isForced: force },
              actor,
            },
            transaction,
          );
        }
        return isWritten;
      });
  if (isSaved && isRoutine) countRoutineRefresh();
  if (isSaved)
    return { token: { platformKey: row.platformKey, appid: row.appid, accessToken: answer.accessToken, expiresAt }, isLeaseReleased: true };
  return { token: await answerAfterLostRace(row), isLeaseReleased: false };
};

/** Waits for the instance holding the lease, then answers its result (or its failure) instead of calling WeChat again. */
const readHolderResult = async (ref: TAuthorizerRef, startedAt: Date, force: boolean): Promise<TAuthorizerAccessToken | undefined> => {
  const row = await readAuthorizerTokenState(ref);
  const { appid } = ref;
  assertServable(row, appid);
  if (row.lastRefreshAt && row.lastRefreshAt.getTime() >= startedAt.getTime()) {
    const stored = storedAccessToken(row);
    if (row.lastRefreshOk && stored) return stored;
    if (row.lastRefreshOk === false) {
      throw new AppError("wechat_error", `Refreshing the token of ${appid} failed just now: ${row.lastRefreshError ?? "unknown error"}`, {
        errcode: row.lastErrcode ?? undefined,
      });
    }
  }
  const stored = storedAccessToken(row);
  return !force && remainingMs(stored) > skipWindowMs() ? stored : undefined;
};

const LEASE_RELEASED = { refreshLeaseHolder: null, refreshLeaseUntil: null };

/**
 * The account's refresh lease (two columns on its row: one refresh at a time across every instance), taken together
 * with the read of its token state in one statement. null when another holder has it, or there is no such account.
 */
const takeRefreshLease = async (ref: TAuthorizerRef, holder: string) => {
  const now = new Date();
  const [row] = await getDb().authorizer.updateManyAndReturn({
    where: {
      platformKey: ref.platformKey,
      appid: ref.appid,
      OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now } }, { refreshLeaseHolder: holder }],
    },
    data: { refreshLeaseHolder: holder, refreshLeaseUntil: new Date(now.getTime() + LEASE_TTL_MS) },
    select: AUTHORIZER_TOKEN_STATE_SELECT,
  });
  return row ?? null;
};

/** Gives the lease up if it is still ours (a successful refresh already did, in its compare-and-set). */
const releaseRefreshLease = (ref: TAuthorizerRef, holder: string) =>
  getDb().authorizer.updateMany({
    where: { platformKey: ref.platformKey, appid: ref.appid, refreshLeaseHolder: holder },
    data: LEASE_RELEASED,
  });

const refresh = async ({ force = false, actor, ...given }: RefreshAuthorizerTokenOptions): Promise<TAuthorizerAccessToken> => {
  const ref = { platformKey: given.platformKey, appid: given.appid };
  const { appid } = ref;
  const startedAt = new Date();
  // A holder name per attempt: two refreshes in this process must not share the lease.
  const holder = `${getEnv().INSTANCE_ID}:${startedAt.getTime()}:${Math.random().toString(36).slice(2)}`;
  let isFirstMiss = true;
  for (;;) {
    const row = await takeRefreshLease(ref, holder);
    if (row) {
      let isReleased = false;
      try {
        assertServable(row, appid);
        const stored = storedAccessToken(row);
        if (stored && !force && remainingMs(stored) > skipWindowMs()) return stored;
        if (stored && force && row.lastRefreshOk && row.lastRefreshAt && row.lastRefreshAt.getTime() >= startedAt.getTime()) return stored;
        const { token, isLeaseReleased } = await refreshNow(row, actor ?? "system", force);
        isReleased = isLeaseReleased;
        return token;
      } finally {
        if (!isReleased) await releaseRefreshLease(ref, holder);
      }
    }
    // Not taken: an unknown or unservable account is answered at once; otherwise wait for the holder's result.
    if (isFirstMiss) assertServable(await readAuthorizerTokenState(ref), appid);
    isFirstMiss = false;
    await sleep(POLL_MS);
    const holderResult = await readHolderResult(ref, startedAt, force);
    if (holderResult) return holderResult;
    if (Date.now() - startedAt.getTime() > WAIT_LIMIT_MS) {
      throw new AppError("unavailable", `Another instance is refreshing the token of ${appid} and has not finished; try again shortly.`);
    }
  }
};

/**
 * A new authorizer_access_token from api_authorizer_token, stored with the refresh token WeChat returns in one
 * transaction. Concurrent refreshes of one appid collapse into one call (singleFlight in this process, a database
 * lease across instances; a waiter reads the holder's result). Without `force`, a token the sweep would not pick
 * yet is answered as stored. 61023 first asks WeChat for the account's current refresh token (recover-refresh-token.ts)
 * and tries once more with it. 61023/42007 → needs_reauthorization, 61003 → unauthorized (conflict, no retries);
 * anything else keeps the stored tokens, backs off (nextRetryAt) and rethrows.
 */
export const refreshAuthorizerToken = async (options: RefreshAuthorizerTokenOptions): Promise<TAuthorizerAccessToken> => {
  assertOwnsTokens("refresh authorizer tokens");
  return singleFlight(`authorizer-token:${authorizerKey(options)}${options.force ? ":force" : ""}`, () => refresh(options));
};

/**
 * Another WeChat API answered 61023 / 42007 / 61003 for this account's access token (the API proxy saw it): the
 * same outcome as a refresh that got it, written only while `accessToken` is still the stored one (compare-and-set:
 * an answer about an older token says nothing about a newer authorization). Answers whether the status changed.
 */
export const endAuthorizationSeenInAnswer = async ({
  accessToken,
  errcode,
  actor,
  ...ref
}: TAuthorizerRef & {
  accessToken: string;
  errcode: number;
  actor: string;
}) => {
  const outcome = PERMANENT[errcode];
  const row = outcome ? await readAuthorizerTokenState(ref) : null;
  if (!outcome || !row || row.status !== "authorized" || storedAccessToken(row)?.accessToken !== accessToken) return false;
  const isEnded = (await endAuthorization(row, actor, errcode, outcome)) !== null;
  // This process stops serving the token at once; other instances within their cache's 2 seconds.
  if (isEnded) servedTokenCache.forget(ref);
  return isEnded;
};
