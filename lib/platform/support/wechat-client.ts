import { getEnv } from "../../env";
import { createWechatClient, type TWechatClient } from "../../wechat/client";
import { limitWechatCall } from "./wechat-call-limit";

const clients = new Map<string, { appsecret: string; client: TWechatClient }>();

/** The platform a client calls WeChat as. */
export type TClientPlatform = { componentAppid: string; appsecret: string };

/**
 * The WeChat client of a platform (the default one, WECHAT_COMPONENT_*, unless told), with its appid and AppSecret
 * (WECHAT_API_BASE points at the simulator in development). A platform given a new AppSecret gets a new client.
 */
export const getWechatClient = (platform?: TClientPlatform): TWechatClient => {
  const env = getEnv();
  platform ??= { componentAppid: env.WECHAT_COMPONENT_APPID, appsecret: env.WECHAT_COMPONENT_APPSECRET };
  const cached = clients.get(platform.componentAppid);
  if (cached && cached.appsecret === platform.appsecret) return cached.client;
  const client = createWechatClient({
    apiBase: env.WECHAT_API_BASE,
    componentAppid: platform.componentAppid,
    componentAppsecret: platform.appsecret,
    timeoutMs: env.WECHAT_TIMEOUT_MS,
    // The refresh sweep bounds its concurrent WeChat calls (REFRESH_CONCURRENCY); other callers are not limited.
    fetch: (input, init) => limitWechatCall(() => fetch(input, init)),
  });
  clients.set(platform.componentAppid, { appsecret: platform.appsecret, client });
  return client;
};
