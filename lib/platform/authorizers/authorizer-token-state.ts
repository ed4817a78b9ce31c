import { getDb } from "../../db";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { decryptSecret } from "../../secrets";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";

// Shared by getAuthorizerAccessToken and refreshAuthorizerToken: the columns they read, and when tokens may be served.

/**
 * A stored token is served while more than this remains; past it, the next caller refreshes. 15 minutes, or three
 * quarters of a shorter refresh window (REFRESH_WINDOW_MINUTES), so the sweep refreshes a token before any reader has
 * to, whatever the tokens' lifetime (the rate test's 600-second tokens use a 1-minute window).
 */
export const authorizerTokenMarginMs = () => Math.min(15 * 60_000, getEnv().REFRESH_WINDOW_MINUTES * 45_000);

export type TAuthorizerAccessToken = { platformKey: string; appid: string; accessToken: string; expiresAt: Date };

/** The columns a token read or refresh works with. */
export const AUTHORIZER_TOKEN_STATE_SELECT = {
  platformKey: true,
  appid: true,
  status: true,
  statusReason: true,
  accessToken: true,
  accessTokenExpiresAt: true,
  refreshToken: true,
  refreshFailures: true,
  nextRetryAt: true,
  lastRefreshAt: true,
  lastRefreshOk: true,
  lastRefreshError: true,
  lastErrcode: true,
} as const;

export const readAuthorizerTokenState = (ref: TAuthorizerRef) =>
  getDb().authorizer.findUnique({ where: authorizerWhere(ref), select: AUTHORIZER_TOKEN_STATE_SELECT });

export type TAuthorizerTokenState = NonNullable<Awaited<ReturnType<typeof readAuthorizerTokenState>>>;

/** Throws unless the row exists and is `authorized`: not_found, or conflict with the status and a reason a person can act on. */
export function assertServable(row: TAuthorizerTokenState | null, appid: string): asserts row is TAuthorizerTokenState {
  if (!row) {
    throw new AppError(
      "not_found",
      `No authorizer has appid ${appid}: the account has not authorized this platform here. Send it an authorization link, or import the platform's authorizers.`,
    );
  }
  if (row.status === "authorized") return;
  const reason =
    row.statusReason ??
    (row.status === "unauthorized" ? "The account cancelled its authorization." : "The account must authorize the platform again.");
  throw new AppError(
    "conflict",
    `Tokens for ${appid} are not served (status ${row.status}): ${reason} Send the merchant a new authorization link.`,
    {
      status: row.status,
      reason,
    },
  );
}

/** The stored access token, decrypted; undefined when none is stored or it has expired. */
export const storedAccessToken = (row: TAuthorizerTokenState, now = Date.now()): TAuthorizerAccessToken | undefined =>
  row.accessToken && row.accessTokenExpiresAt && row.accessTokenExpiresAt.getTime() > now
    ? { platformKey: row.platformKey, appid: row.appid, accessToken: decryptSecret(row.accessToken), expiresAt: row.accessTokenExpiresAt }
    : undefined;

export const remainingMs = (token: TAuthorizerAccessToken | undefined, now = Date.now()) => (token ? token.expiresAt.getTime() - now : 0);
