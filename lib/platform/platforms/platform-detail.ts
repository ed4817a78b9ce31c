import type { TPlatform } from "./platform-registry";

/**
 * What an event's detail says of its platform: nothing for the default one (its events read as before platforms),
 * the component appid for an added one.
 */
export const platformDetail = (platform: Pick<TPlatform, "componentAppid" | "isDefault">) =>
  platform.isDefault ? {} : { componentAppid: platform.componentAppid };

/** A lease or single-flight name for a platform's work: the default platform keeps the name it had before platforms. */
export const platformScoped = (name: string, platform: Pick<TPlatform, "componentAppid" | "isDefault">) =>
  platform.isDefault ? name : `${name}:${platform.componentAppid}`;

/** " (platform wx…)" after a message about an added platform; nothing for the default one. */
export const platformSuffix = (platform: Pick<TPlatform, "componentAppid" | "isDefault">) =>
  platform.isDefault ? "" : ` (platform ${platform.componentAppid})`;
