import { log } from "../../log";
import type { TComponentPush } from "../../wechat/push";
import { completeAuthorization } from "../authorization/complete-authorization";
import { isStaleAuthorizationPush } from "../authorization/is-stale-authorization-push";
import { markAuthorizerUnauthorized } from "../authorization/mark-authorizer-unauthorized";
import { findLinkByPreAuthCode } from "../authorization/redeem-authorization-link";
import type { TPushFollowUp } from "./push-follow-up";
import { recordEvent } from "../activity/record-event";
import type { TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";
import { platformDetail } from "../platforms/platform-detail";

type TAuthorizationPush = Extract<TComponentPush, { kind: "authorized" | "unauthorized" | "fast_register" }>;

type TExchange = {
  platform: TPlatform;
  authCode: string;
  appid: string | null;
  infoType: string;
  /** The push's CreateTime, when a push older than the account's latest authorization change must be ignored. */
  createTime?: Date;
  preAuthCode?: string;
};

/** An authorized push created before the account's latest authorization change: recorded, not exchanged. */
const isStale = async ({ platform, appid, infoType, createTime }: TExchange) => {
  if (!createTime || !appid || !(await isStaleAuthorizationPush({ platformKey: platformKeyOf(platform), appid, createTime }))) return false;
  await recordEvent({
    kind: "push.ignored",
    appid,
    message: `${infoType} push ignored: it was created before the account's latest authorization change (delivered late or replayed)`,
    detail: { infoType, createTime: createTime.toISOString(), ...platformDetail(platform) },
    actor: "wechat",
  });
  return true;
};

/**
 * The exchange runs after WeChat has its `success`, and so do the reads it needs; a failure is in the event log
 * (authorization.failed). A push naming a pre_auth_code wxopen made is tied to that code's invitation, whose limits
 * are then checked.
 */
const exchangeLater =
  (exchange: TExchange): TPushFollowUp =>
  async () => {
    const { platform, authCode, appid, preAuthCode } = exchange;
    try {
      if (await isStale(exchange)) return undefined;
      const link = await findLinkByPreAuthCode(preAuthCode);
      // A code is the platform's whose URL the push came to; an invitation of another platform does not apply to it.
      const ownLink = link && link.platformKey === platformKeyOf(platform) ? link : null;
      return await completeAuthorization({ authCode, source: "push", platform, link: ownLink, actor: "wechat", appid });
    } catch (error) {
      log.warn("authorization.push_exchange_failed", { appid, error });
      throw error;
    }
  };

/**
 * authorized / updateauthorized / unauthorized / notify_third_fasteregister. Records the push, applies a
 * cancellation at once (a fast write), and returns the exchange of an auth code as follow-up work.
 */
export const handleAuthorizationPush = async (push: TAuthorizationPush, platform: TPlatform): Promise<TPushFollowUp | undefined> => {
  const appid = "AuthorizerAppid" in push ? push.AuthorizerAppid : (push.appid ?? null);
  const detail: Record<string, unknown> = { infoType: push.InfoType, ...platformDetail(platform) };
  if (push.kind === "fast_register") Object.assign(detail, { status: push.status, msg: push.msg ?? null });
  await recordEvent({ kind: "push.received", appid, message: `${push.InfoType} push received`, detail, actor: "wechat" });
  switch (push.kind) {
    case "authorized":
      return exchangeLater({
        platform,
        authCode: push.AuthorizationCode,
        appid,
        infoType: push.InfoType,
        createTime: new Date(push.CreateTime * 1000),
        preAuthCode: push.PreAuthCode,
      });
    case "unauthorized":
      await markAuthorizerUnauthorized({
        platformKey: platformKeyOf(platform),
        appid: push.AuthorizerAppid,
        at: new Date(push.CreateTime * 1000),
      });
      return undefined;
    case "fast_register":
      // status 0: the new mini program is registered and already authorized to us; its auth_code is exchanged like `authorized`.
      return push.status === 0 && push.auth_code
        ? exchangeLater({ platform, authCode: push.auth_code, appid, infoType: push.InfoType })
        : undefined;
  }
};
