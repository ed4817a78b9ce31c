import { createHash } from "node:crypto";
import { WechatApiError } from "../../wechat/errors";
import { singleFlight } from "../support/single-flight";
import { getComponentAccessToken } from "./get-component-access-token";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";

// Every call wxopen makes with the component_access_token goes through here: a token WeChat rejects (a simulator or a
// WeChat that forgot it, another system that fetched a new one) is replaced once, for all its callers, and the call
// is made once more. Without this a stored token that WeChat no longer knows breaks authorizations until it expires.

/** WeChat rejected the token itself (invalid, not the latest, expired). */
export const COMPONENT_TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * `rejected` was refused by WeChat: the token to try again with. Refreshed only if nobody has replaced it yet, and
 * once for every caller in this process that saw the same token (the refresh's lease covers other instances).
 */
export const replaceRejectedComponentToken = (rejected: string, platform: TPlatform = defaultPlatform()) => {
  const key = createHash("sha256").update(rejected).digest("hex").slice(0, 16);
  return singleFlight(`component-token-rejected:${key}`, async () => {
    const current = await getComponentAccessToken({ platform });
    return current.accessToken !== rejected ? current.accessToken : (await getComponentAccessToken({ force: true, platform })).accessToken;
  });
};

/** `call` with the platform's component token; once more with a replaced one if WeChat rejected it (40001/40014/42001). */
export const callWithComponentToken = async <T>(
  call: (componentAccessToken: string) => Promise<T>,
  platform: TPlatform = defaultPlatform(),
): Promise<T> => {
  const { accessToken } = await getComponentAccessToken({ platform });
  try {
    return await call(accessToken);
  } catch (error) {
    if (!(error instanceof WechatApiError && COMPONENT_TOKEN_REJECTED_ERRCODES.has(error.errcode))) throw error;
    return call(await replaceRejectedComponentToken(accessToken, platform));
  }
};
