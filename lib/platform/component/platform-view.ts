import { getEnv } from "../../env";
import { getComponentStatus, type TComponentStatus } from "./get-component-status";
import type { TPlatform } from "../platforms/platform-registry";

// What the API and the Settings page show of a platform: never a secret (they are write-only), the two URLs to paste
// into WeChat's console, and the ticket and token state.

export type TPlatformView = {
  componentAppid: string;
  name: string;
  enabled: boolean;
  /** Configured by WECHAT_COMPONENT_* (changed in the environment, not here). */
  isDefault: boolean;
  createdAt: Date | null;
  /** 授权事件接收URL and 消息与事件接收URL, as the Open Platform console asks for them. */
  urls: { notify: string; messages: string };
  latestTicket: TComponentStatus["latestTicket"];
  accessToken: TComponentStatus["accessToken"];
};

export const platformUrls = ({ componentAppid, isDefault }: Pick<TPlatform, "componentAppid" | "isDefault">) => {
  const base = `${getEnv().APP_URL}/api/wechat`;
  return isDefault
    ? { notify: `${base}/notify`, messages: `${base}/messages/$APPID$` }
    : { notify: `${base}/${componentAppid}/notify`, messages: `${base}/${componentAppid}/messages/$APPID$` };
};

export const toPlatformView = async (platform: TPlatform, now = new Date()): Promise<TPlatformView> => {
  const { latestTicket, accessToken } = await getComponentStatus(now, platform);
  return {
    componentAppid: platform.componentAppid,
    name: platform.name,
    enabled: platform.isEnabled,
    isDefault: platform.isDefault,
    createdAt: platform.createdAt,
    urls: platformUrls(platform),
    latestTicket,
    accessToken,
  };
};
