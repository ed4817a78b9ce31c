import { getDb } from "../../db";
import { getEnv } from "../../env";
import { decryptSecret } from "../../secrets";
import type { TPushCredentials } from "../../wechat/push";

// The third-party platforms this deployment serves: the default one, configured by WECHAT_COMPONENT_* (never a row,
// always enabled), and any number added in the console or the API (Platform rows, secrets encrypted). Read at most
// every 2 s per process, like the forwarding rules: every push asks, and platforms change rarely; a change on this
// instance is seen at once, on another within 2 s.

export type TPlatform = {
  componentAppid: string;
  name: string;
  appsecret: string;
  /** The message-check Token and the EncodingAESKey: what pushes to this platform's URLs are opened with. */
  token: string;
  encodingAesKey: string;
  isEnabled: boolean;
  /** Configured by WECHAT_COMPONENT_*: its URLs are also the ones without a platform in them. */
  isDefault: boolean;
  createdAt: Date | null;
};

export const DEFAULT_PLATFORM_NAME = "WECHAT_COMPONENT_*";

export const defaultPlatform = (): TPlatform => {
  const env = getEnv();
  return {
    componentAppid: env.WECHAT_COMPONENT_APPID,
    name: DEFAULT_PLATFORM_NAME,
    appsecret: env.WECHAT_COMPONENT_APPSECRET,
    token: env.WECHAT_COMPONENT_TOKEN,
    encodingAesKey: env.WECHAT_COMPONENT_AES_KEY,
    isEnabled: true,
    isDefault: true,
    createdAt: null,
  };
};

export const isDefaultPlatform = (componentAppid: string) => componentAppid === getEnv().WECHAT_COMPONENT_APPID;

/** What a push to this platform's URLs is verified and opened with. */
export const pushCredentialsOf = ({ token, encodingAesKey, componentAppid }: TPlatform): TPushCredentials => ({
  token,
  encodingAesKey,
  componentAppid,
});

const TTL_MS = 2000;
// On globalThis: Next.js's route handlers and the JSON API (server/) load this module separately; one process, one cache.
const globalForPlatforms = globalThis as unknown as { wxopenPlatforms?: { at: number; platforms: TPlatform[] } | null };

export const invalidatePlatforms = () => {
  globalForPlatforms.wxopenPlatforms = null;
};

/** The platforms read within the last 2 s, or undefined. */
const cachedPlatforms = (): TPlatform[] | undefined => {
  const cached = globalForPlatforms.wxopenPlatforms;
  return cached && Date.now() - cached.at < TTL_MS ? cached.platforms : undefined;
};

/** Every platform, the default first, then the added ones oldest first (disabled ones included). */
export const listPlatforms = async (): Promise<TPlatform[]> => {
  const cached = cachedPlatforms();
  if (cached) return cached;
  const rows = await getDb().platform.findMany({ orderBy: { createdAt: "asc" } });
  const defaultOne = defaultPlatform();
  const platforms = [
    defaultOne,
    ...rows
      .filter((row) => row.componentAppid !== defaultOne.componentAppid)
      .map((row) => ({
        componentAppid: row.componentAppid,
        name: row.name,
        appsecret: decryptSecret(row.appsecret),
        token: decryptSecret(row.token),
        encodingAesKey: decryptSecret(row.encodingAesKey),
        isEnabled: row.isEnabled,
        isDefault: false,
        createdAt: row.createdAt,
      })),
  ];
  globalForPlatforms.wxopenPlatforms = { at: Date.now(), platforms };
  return platforms;
};

/** The platform with this component appid, enabled or not; undefined when there is none. */
export const findPlatform = async (componentAppid: string): Promise<TPlatform | undefined> =>
  // Every platform-scoped token read asks: a fresh cache answers without another await.
  (cachedPlatforms() ?? (await listPlatforms())).find((platform) => platform.componentAppid === componentAppid);
