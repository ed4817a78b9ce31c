import { AppError } from "../../errors";
import { log } from "../../log";
import { WechatApiError } from "../../wechat/errors";
import type { TAuthorizerInfo } from "../../wechat/client";
import { claimAuthCode } from "./claim-auth-code";
import { callWithComponentToken } from "../component/call-with-component-token";
import { recordEvent } from "../activity/record-event";
import { redeemAuthorizationLink, type TLinkLimits } from "./redeem-authorization-link";
import { saveAuthorization } from "./save-authorization";
import { getWechatClient } from "../support/wechat-client";
import { assertOwnsTokens } from "../upstream/get-token-source";
import type { TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";

export type CompleteAuthorizationOptions = {
  authCode: string;
  source: "redirect" | "push";
  /** The platform the code was issued for (the invitation's, or the one whose URL the push came to). */
  platform: TPlatform;
  /** The invitation the authorization came through (the redirect's state, or the push's PreAuthCode): checked and marked used. */
  link?: TLinkLimits | null;
  actor?: string | null;
  /** The account the code is for, when the caller knows it (a push names it): a failed exchange is logged against it. */
  appid?: string | null;
};

/** WeChat's answers about the code itself, as something the merchant can act on. */
const toCodeError = (error: unknown) => {
  if (!(error instanceof WechatApiError)) return error;
  if (error.errcode === 61009) {
    return new AppError(
      "bad_request",
      "WeChat says this authorization code is invalid or was already used (61009). Start the authorization again from your invitation link.",
      { errcode: 61009, zh: "微信认为这个授权码无效或已被使用。请从授权链接重新开始授权。" },
    );
  }
  if (error.errcode === 61010) {
    return new AppError(
      "bad_request",
      "This authorization code has expired (61010): it lives 10 minutes. Start the authorization again from your invitation link.",
      { errcode: 61010, zh: "授权码已过期（有效期 10 分钟）。请从授权链接重新开始授权。" },
    );
  }
  return error;
};

const exchange = async ({ authCode, source, platform, link, actor, appid = null }: CompleteAuthorizationOptions): Promise<string> => {
  const linkId = link?.id ?? null;
  const client = getWechatClient(platform);
  let authorization;
  try {
    authorization = await callWithComponentToken((componentAccessToken) => client.queryAuth(componentAccessToken, authCode), platform);
  } catch (error) {
    await recordEvent({
      kind: "authorization.failed",
      platformKey: platformKeyOf(platform),
      appid,
      outcome: "error",
      errcode: error instanceof WechatApiError ? error.errcode : null,
      message: `api_query_auth failed: ${(error as Error).message}`,
      detail: { source, linkId },
      actor,
    });
    throw toCodeError(error);
  }
  let info: TAuthorizerInfo | null = null;
  try {
    const authorizerAppid = authorization.authorizer_appid;
    info = await callWithComponentToken(
      (componentAccessToken) => client.getAuthorizerInfo(componentAccessToken, authorizerAppid),
      platform,
    );
  } catch (error) {
    // The code is spent and the tokens are in hand: save them without the profile rather than lose them.
    log.warn("authorization.profile_failed", { appid: authorization.authorizer_appid, error });
  }
  const saved = await saveAuthorization({ platformKey: platformKeyOf(platform), authorization, info, source, linkId, actor });
  return saved.appid;
};

/**
 * Completes an authorization from a single-use auth code (redirect, authorized/updateauthorized push, or fast
 * registration): api_query_auth, api_get_authorizer_info, then one transaction. The redirect and the push race
 * for the same code; the second to arrive reuses the first's result without a second exchange.
 */
export const completeAuthorization = async (options: CompleteAuthorizationOptions): Promise<{ appid: string; isOwner: boolean }> => {
  assertOwnsTokens("complete authorizations");
  const result = await claimAuthCode({ code: options.authCode, source: options.source, exchange: () => exchange(options) });
  if (options.link) await redeemAuthorizationLink({ link: options.link, appid: result.appid, actor: options.actor });
  return result;
};
