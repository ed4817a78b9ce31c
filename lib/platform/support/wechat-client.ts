import { getEnv } from "../../env";
import { createWechatClient, type TWechatClient } from "../../wechat/client";
import { limitWechatCall } from "./wechat-call-limit";

let client: TWechatClient | undefined;

/** The WeChat client configured from the environment (WECHAT_API_BASE points at the simulator in development). */
export const getWechatClient = (): TWechatClient => {
  if (client) return client;
  const env = getEnv();
  client = createWechatClient({
    apiBase: env.WECHAT_API_BASE,
    componentAppid: env.WECHAT_COMPONENT_APPID,
    componentAppsecret: env.WECHAT_COMPONENT_APPSECRET,
    timeoutMs: env.WECHAT_TIMEOUT_MS,
    // The refresh sweep bounds its concurrent WeChat calls (REFRESH_CONCURRENCY); other callers are not limited.
    fetch: (input, init) => limitWechatCall(() => fetch(input, init)),
  });
  return client;
};
