import { notFound } from "next/navigation";
import { AppError } from "../errors";
import { defaultPlatform, findPlatform, type TPlatform } from "../platform/platforms/platform-registry";
import { firstParam, type TSearchParams } from "./search-params";

// The dashboard's chosen platform lives in the URL (?platform=<componentAppid>), so a link shows the same platform
// to whoever opens it; no parameter means the default platform (a deployment with one platform never shows one).

export const PLATFORM_PARAM = "platform";

/** The platform a dashboard request names (?platform=): the default one without it, not_found for one this deployment lacks. */
export const requestedPlatform = async (params: URLSearchParams): Promise<TPlatform> => {
  const value = params.get(PLATFORM_PARAM);
  if (!value) return defaultPlatform();
  const platform = await findPlatform(value);
  if (!platform) throw new AppError("not_found", `No platform ${value.slice(0, 40)} in this deployment.`);
  return platform;
};

/** The platform a dashboard page's URL names: the default one without the parameter, the 404 page for one this deployment lacks. */
export const dashboardPlatform = async (params: TSearchParams): Promise<TPlatform> => {
  const value = firstParam(params[PLATFORM_PARAM]);
  if (!value) return defaultPlatform();
  const platform = await findPlatform(value);
  if (!platform) notFound();
  return platform;
};

/** A dashboard href that keeps the chosen platform (nothing added for the default one). */
export const withPlatform = (href: string, platform: Pick<TPlatform, "componentAppid" | "isDefault"> | null | undefined) =>
  !platform || platform.isDefault
    ? href
    : `${href}${href.includes("?") ? "&" : "?"}${PLATFORM_PARAM}=${encodeURIComponent(platform.componentAppid)}`;

/** An authorization's page: /authorizers/{appid}, with ?platform= for an added platform's ("" the default one). */
export const authorizerHref = (platformKey: string, appid: string) =>
  `/authorizers/${appid}${platformKey ? `?${PLATFORM_PARAM}=${encodeURIComponent(platformKey)}` : ""}`;
