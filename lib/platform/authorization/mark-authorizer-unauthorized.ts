import { getDb } from "../../db";
import { recordEvent } from "../activity/record-event";

export type MarkAuthorizerUnauthorizedOptions = { appid: string; at: Date; actor?: string | null };

/**
 * The account cancelled its authorization: the row stays (history) as `unauthorized` with the time, its dead
 * access token is cleared and its refresh token kept; tokens are no longer served.
 */
export const markAuthorizerUnauthorized = async ({ appid, at, actor = "wechat" }: MarkAuthorizerUnauthorizedOptions) =>
  getDb().$transaction(async (transaction) => {
    const { count } = await transaction.authorizer.updateMany({
      where: { appid },
      data: {
        status: "unauthorized",
        statusReason: "The account cancelled its authorization in WeChat; it must authorize again (send a new authorization link).",
        unauthorizedAt: at,
        accessToken: null,
        accessTokenHash: null,
        accessTokenExpiresAt: null,
        nextRetryAt: null,
      },
    });
    await recordEvent(
      {
        kind: "authorization.cancelled",
        appid,
        message: count ? "The account cancelled its authorization" : "Cancellation pushed for an account this platform does not hold",
        detail: { at: at.toISOString(), isKnown: count === 1 },
        actor,
      },
      transaction,
    );
    return { isKnown: count === 1 };
  });
