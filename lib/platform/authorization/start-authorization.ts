import { getEnv } from "../../env";
import { buildMobileAuthorizationUrl, buildPcAuthorizationUrl } from "../../wechat/links";
import { requireOpenAuthorizationLink } from "./find-authorization-link";
import { issuePreAuthCode } from "./issue-pre-auth-code";
import { parseCategoryIds } from "./get-authorization-invitation";
import { recordEvent } from "../activity/record-event";
import { assertOwnsTokens } from "../upstream/get-token-source";
import { requireEnabledPlatformOfKey } from "../platforms/platform-key";

export type StartAuthorizationOptions = { token: string; channel: "pc" | "mobile"; clientIp?: string | null };

/** Where WeChat sends the merchant back: our callback, with the invitation's single-use state inside. */
export const authorizationRedirectUri = (state: string) =>
  `${getEnv().APP_URL}/api/wechat/authorize/callback?state=${encodeURIComponent(state)}`;

/**
 * The WeChat authorization page for an open invitation, with a pre_auth_code made at the click (it lives 30 minutes,
 * so it is never made when the link is; clicks within a minute share one). PC: componentloginpage; phone: the
 * bindcomponent link.
 */
export const startAuthorization = async ({ token, channel, clientIp }: StartAuthorizationOptions): Promise<{ url: string }> => {
  assertOwnsTokens("authorize accounts");
  const link = await requireOpenAuthorizationLink(token);
  const env = getEnv();
  const platform = await requireEnabledPlatformOfKey(link.platformKey);
  const preAuthCode = await issuePreAuthCode({ link, channel, clientIp, platform });
  const options = {
    componentAppid: platform.componentAppid,
    preAuthCode,
    redirectUri: authorizationRedirectUri(link.state),
    authType: link.authType,
    bizAppid: link.bizAppid,
    categoryIds: parseCategoryIds(link.categoryIds),
  };
  // Operators see that the merchant reached WeChat's page, even if the authorization never comes back.
  await recordEvent({
    kind: "authorization.started",
    appid: link.bizAppid,
    message: `Merchant opened WeChat's ${channel === "pc" ? "PC" : "mobile"} authorization page`,
    detail: { linkId: link.id, channel },
    actor: "merchant",
  });
  return {
    url:
      channel === "pc" ? buildPcAuthorizationUrl(env.WECHAT_MP_BASE, options) : buildMobileAuthorizationUrl(env.WECHAT_OPEN_BASE, options),
  };
};
