import { getDb } from "../../db";
import { recordEvent } from "../activity/record-event";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { changedNoLaterThan } from "./is-stale-authorization-push";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";

export type MarkAuthorizerUnauthorizedOptions = TAuthorizerRef & { at: Date; actor?: string | null };

/**
 * The account cancelled its authorization: the row stays (history) as `unauthorized` with the time, its dead
 * access token is cleared and its refresh token kept; tokens are no longer served. A cancellation created before the
 * account's latest authorization (delivered late, or replayed) changes nothing.
 */
export const markAuthorizerUnauthorized = async ({ at, actor = "wechat", ...ref }: MarkAuthorizerUnauthorizedOptions) => {
  const { platformKey, appid } = ref;
  const result = await getDb().$transaction(async (transaction) => {
    const { count } = await transaction.authorizer.updateMany({
      where: { platformKey, appid, ...changedNoLaterThan(at) },
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
    const isKnown = count === 1 || (await transaction.authorizer.count({ where: { platformKey, appid } })) === 1;
    const message =
      count === 1
        ? "The account cancelled its authorization"
        : isKnown
          ? "Cancellation ignored: it was created before the account's latest authorization (delivered late or replayed)"
          : "Cancellation pushed for an account this platform does not hold";
    await recordEvent(
      {
        kind: "authorization.cancelled",
        platformKey,
        appid,
        message,
        detail: { at: at.toISOString(), isKnown, isApplied: count === 1 },
        actor,
      },
      transaction,
    );
    if (count === 1) {
      const data = { appid, at: at.toISOString() };
      await enqueueDeliveries(transaction, [{ type: "authorization.unauthorized", appid, platformKey, occurredAt: at, data }]);
    }
    return { isKnown, isApplied: count === 1 };
  });
  if (result.isApplied) wakeDeliveryWorker();
  return result;
};
