import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { CRYPT_ERROR, WechatCryptError } from "../../wechat/errors";
import { classifyPush, openComponentPush, type TComponentPush, type TPushQuery } from "../../wechat/push";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { handleAuthorizationPush } from "./handle-authorization-push";
import type { TPushFollowUp } from "./push-follow-up";
import { recordEvent } from "../activity/record-event";
import { saveVerifyTicket } from "../component/save-verify-ticket";

export type ReceiveComponentPushOptions = { query: TPushQuery; body: string };

const toAppError = (error: WechatCryptError) => {
  switch (error.code) {
    case CRYPT_ERROR.validateSignature:
      return new AppError("unauthorized", `Push rejected: ${error.message} (check WECHAT_COMPONENT_TOKEN)`, { wechatCode: error.code });
    case CRYPT_ERROR.validateAppid:
      return new AppError("forbidden", `Push rejected: ${error.message} (expected WECHAT_COMPONENT_APPID)`, { wechatCode: error.code });
    default:
      return new AppError("bad_request", `Push rejected: ${error.message}`, { wechatCode: error.code });
  }
};

const openPush = ({ query, body }: ReceiveComponentPushOptions): TComponentPush => {
  const env = getEnv();
  try {
    return classifyPush(
      openComponentPush(query, body, {
        token: env.WECHAT_COMPONENT_TOKEN,
        encodingAesKey: env.WECHAT_COMPONENT_AES_KEY,
        componentAppid: env.WECHAT_COMPONENT_APPID,
      }),
    );
  } catch (error) {
    throw error instanceof WechatCryptError ? toAppError(error) : error;
  }
};

/**
 * Verifies, decrypts and stores a push to the authorization-event URL. Throws AppError for a push that fails the
 * checks (nothing is stored). Returns the follow-up work to run once WeChat has its `success`.
 */
export const receiveComponentPush = async (
  options: ReceiveComponentPushOptions,
): Promise<{ infoType: string; followUp?: TPushFollowUp }> => {
  const push = openPush(options);
  switch (push.kind) {
    case "verify_ticket":
      await saveVerifyTicket({ ticket: push.ComponentVerifyTicket, createTime: new Date(push.CreateTime * 1000) });
      return { infoType: push.InfoType, followUp: () => getComponentAccessToken() };
    case "authorized":
    case "unauthorized":
    case "fast_register":
      return { infoType: push.InfoType, followUp: await handleAuthorizationPush(push) };
    case "other":
      await recordEvent({
        kind: "push.received",
        message: `Unhandled InfoType ${push.InfoType || "(none)"}`,
        detail: { infoType: push.InfoType },
      });
      return { infoType: push.InfoType };
  }
};
