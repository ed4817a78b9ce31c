import { getDb } from "../../db";
import { log } from "../../log";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { callWithComponentToken } from "../component/call-with-component-token";
import { getWechatClient } from "../support/wechat-client";
import { requirePlatformOfKey } from "../platforms/platform-key";
import type { TAuthorizerTokenState } from "./authorizer-token-state";

// A refresh token WeChat rejects with 61023 is not always a lost authorization: another system (an old platform
// backend, a restored backup) may have rotated it. api_get_authorizer_info returns the account's current refresh
// token, so it is asked before the merchant is asked to authorize again (WxJava #1119 / PR #1121 do the same).

export type TRecovery =
  /** WeChat had another refresh token; it is stored and `row` carries it. */
  | { outcome: "recovered"; row: TAuthorizerTokenState; refreshToken: string }
  /** WeChat has no other token, or could not be asked: the rejection stands. */
  | { outcome: "none" }
  /** The authorization changed while WeChat was asked (a re-authorization, another instance): nothing was written. */
  | { outcome: "changed" };

export type RecoverRefreshTokenOptions = { row: TAuthorizerTokenState; rejected: string; actor: string };

/** Asks WeChat for the account's current refresh token and stores it compare-and-set over the rejected one. */
export const recoverRefreshToken = async ({ row, rejected, actor }: RecoverRefreshTokenOptions): Promise<TRecovery> => {
  let current: string | undefined;
  try {
    // Asked of the platform the account authorized: each platform's authorization has its own refresh token.
    const platform = await requirePlatformOfKey(row.platformKey);
    const info = await callWithComponentToken(
      (componentAccessToken) => getWechatClient(platform).getAuthorizerInfo(componentAccessToken, row.appid),
      platform,
    );
    current = info.authorization_info.authorizer_refresh_token;
  } catch (error) {
    log.warn("authorizer.refresh_token_recovery_failed", { appid: row.appid, error });
    return { outcome: "none" };
  }
  if (!current || current === rejected) return { outcome: "none" };
  const sealed = encryptSecret(current);
  const isStored = await getDb().$transaction(async (transaction) => {
    const { count } = await transaction.authorizer.updateMany({
      where: { platformKey: row.platformKey, appid: row.appid, status: "authorized", refreshToken: row.refreshToken },
      data: { refreshToken: sealed },
    });
    if (count === 1) {
      await recordEvent(
        {
          kind: "authorizer.refresh_token_recovered",
          platformKey: row.platformKey,
          appid: row.appid,
          message: "WeChat rejected the stored refresh token (61023); its current one was read from api_get_authorizer_info and stored",
          errcode: 61023,
          actor,
        },
        transaction,
      );
    }
    return count === 1;
  });
  return isStored ? { outcome: "recovered", row: { ...row, refreshToken: sealed }, refreshToken: current } : { outcome: "changed" };
};
