import { getEnv } from "../../env";
import { WechatApiError } from "../../wechat/errors";
import { buildMobileAuthorizationUrl, buildPcAuthorizationUrl } from "../../wechat/links";
import { requireOpenAuthorizationLink } from "./find-authorization-link";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { parseCategoryIds } from "./get-authorization-invitation";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";
import { assertOwnsTokens } from "../upstream/get-token-source";

export type StartAuthorizationOptions = { token: string; channel: "pc" | "mobile" };

/** Where WeChat sends the merchant back: our callback, with the invitation's single-use state inside. */
export const authorizationRedirectUri = (state: string) =>
  `${getEnv().APP_URL}/api/wechat/authorize/callback?state=${encodeURIComponent(state)}`;

/**
 * The WeChat authorization page for an open invitation, with a pre_auth_code created now (it lives 30 minutes,
 * so it is never made when the link is). PC: componentloginpage; phone: the bindcomponent link.
 */
export const startAuthorization = async ({ token, channel }: StartAuthorizationOptions): Promise<{ url: string }> => {
  assertOwnsTokens("authorize accounts");
  const link = await requireOpenAuthorizationLink(token);
  const env = getEnv();
  const { accessToken } = await getComponentAccessToken();
  let preAuthCode: string;
  try {
    ({ preAuthCode } = await getWechatClient().createPreAuthCode(accessToken));
  } catch (error) {
    const errcode = error instanceof WechatApiError ? error.errcode : null;
    await recordEvent({
      kind: "authorization.failed",
      appid: link.bizAppid,
      outcome: "error",
      errcode,
      message: `api_create_preauthcode failed: ${(error as Error).message}`,
      detail: { linkId: link.id, channel },
      actor: "merchant",
    });
    throw error;
  }
  const options = {
    componentAppid: env.WECHAT_COMPONENT_APPID,
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
