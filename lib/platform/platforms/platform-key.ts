import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { defaultPlatform, findPlatform, listPlatforms, type TPlatform } from "./platform-registry";

// How rows name their platform (Authorizer, its scopes, invitations, messages): "" for the default platform
// (WECHAT_COMPONENT_*, so every row from before platforms is the default platform's with nothing migrated), an added
// platform's componentAppid for its own.

export const DEFAULT_PLATFORM_KEY = "";

export const platformKeyOf = (platform: Pick<TPlatform, "componentAppid" | "isDefault">) =>
  platform.isDefault ? DEFAULT_PLATFORM_KEY : platform.componentAppid;

/** The platform a row names: undefined only for an added platform whose row is gone (platforms are never deleted). */
export const platformOfKey = async (platformKey: string): Promise<TPlatform | undefined> =>
  platformKey === DEFAULT_PLATFORM_KEY ? defaultPlatform() : findPlatform(platformKey);

/** The component appid a row's platform has, for what leaves wxopen (webhook bodies, API answers). */
export const componentAppidOfKey = (platformKey: string) =>
  platformKey === DEFAULT_PLATFORM_KEY ? getEnv().WECHAT_COMPONENT_APPID : platformKey;

/** platformOfKey, or not_found naming the key (an added platform's authorizers outliving their platform's row). */
export const requirePlatformOfKey = async (platformKey: string): Promise<TPlatform> => {
  const platform = await platformOfKey(platformKey);
  if (!platform) throw new AppError("not_found", `No platform has component appid ${platformKey}: add it again in Settings → Platforms.`);
  return platform;
};

/**
 * The platform itself, or conflict when it is disabled: its tokens are no longer kept and nothing is authorized
 * through it (its data stays).
 */
export const assertPlatformEnabled = (platform: TPlatform): TPlatform => {
  if (platform.isEnabled) return platform;
  throw new AppError(
    "conflict",
    `Platform ${platform.name} (${platform.componentAppid}) is disabled: its tokens are no longer kept and nothing is authorized through it until an admin enables it again in Settings → Platforms.`,
    { zh: "该第三方平台已停用，请联系平台运营方。" },
  );
};

/** requirePlatformOfKey, or conflict when it is disabled (assertPlatformEnabled). */
export const requireEnabledPlatformOfKey = async (platformKey: string): Promise<TPlatform> =>
  assertPlatformEnabled(await requirePlatformOfKey(platformKey));

/**
 * The where condition of one platform's rows (authorizers, events, messages), left out while the deployment has only
 * the default platform: every row is then its own, and the lists keep reading their pages off the indexes they have
 * (which do not lead with the platform) at a million rows.
 */
export const platformFilter = async (platformKey: string): Promise<{ platformKey?: string }> =>
  platformKey === DEFAULT_PLATFORM_KEY && (await listPlatforms()).length === 1 ? {} : { platformKey };
