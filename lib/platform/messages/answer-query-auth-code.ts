import { WechatApiError } from "../../wechat/errors";
import { completeAuthorization } from "../authorization/complete-authorization";
import { getAuthorizerAccessToken } from "../authorizers/get-authorizer-access-token";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";
import type { TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";
import { platformDetail } from "../platforms/platform-detail";

export type AnswerQueryAuthCodeOptions = {
  /** The platform whose message URL the checker wrote to: each platform has its own release check. */
  platform: TPlatform;
  /** The test account the checker wrote to. */
  appid: string;
  authCode: string;
  /** The sender's openid: the customer-service message goes back to them. */
  touser: string;
  content: string;
};

/**
 * The release check's API step (§10.2, step 3), after WeChat has its empty answer: api_query_auth with the code
 * (the exchange saves the tokens like any authorization, so the refresh token is never lost), then
 * message/custom/send of `<code>_from_api` with the access token that exchange returned. The outcome is an event,
 * which the overview's release-check card reads.
 */
export const answerQueryAuthCode = async ({ platform, appid, authCode, touser, content }: AnswerQueryAuthCodeOptions) => {
  try {
    const authorized = await completeAuthorization({ authCode, source: "push", platform, actor: "wechat", appid });
    const { accessToken } = await getAuthorizerAccessToken({ platformKey: platformKeyOf(platform), appid: authorized.appid });
    await getWechatClient(platform).sendCustomText(accessToken, touser, content);
    await recordEvent({
      kind: "release_check.api_text",
      appid,
      detail: platformDetail(platform),
      message: "Release check: QUERY_AUTH_CODE exchanged with api_query_auth and answered with a customer-service message",
      actor: "wechat",
    });
  } catch (error) {
    await recordEvent({
      kind: "release_check.api_text",
      appid,
      outcome: "error",
      errcode: error instanceof WechatApiError ? error.errcode : null,
      detail: platformDetail(platform),
      message: `Release check: QUERY_AUTH_CODE could not be answered: ${(error as Error).message}`,
      actor: "wechat",
    });
  }
};
