import { getEnv } from "../env";
import { createWechatClient, type TWechatClient } from "../wechat/client";

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
  });
  return client;
};
