import { AppError } from "../../errors";
import { isAppid } from "../../wechat/appid";
import { findPlatform, type TPlatform } from "./platform-registry";

/**
 * The platform a URL WeChat posts to names (/api/wechat/{componentAppid}/…): 404 when there is none, 403 when it is
 * disabled. Nothing is opened or stored for either.
 */
export const platformForPush = async (componentAppid: string): Promise<TPlatform> => {
  if (!isAppid(componentAppid))
    throw new AppError(
      "not_found",
      `"${componentAppid.slice(0, 40)}" is not a platform's appid: the URL is /api/wechat/{componentAppid}/notify or …/messages/{appid}.`,
    );
  const platform = await findPlatform(componentAppid);
  if (!platform)
    throw new AppError("not_found", `No platform ${componentAppid} in this deployment: add it under Settings → Platforms first.`);
  if (!platform.isEnabled)
    throw new AppError("forbidden", `Platform ${componentAppid} is disabled: its pushes are refused until an admin enables it again.`);
  return platform;
};
