import { notFound } from "next/navigation";
import { AppError } from "../errors";
import { defaultPlatform, findPlatform, type TPlatform } from "../platform/platforms/platform-registry";
import { firstParam, type TSearchParams } from "./search-params";

// The dashboard's chosen platform lives in the URL (?platform=<componentAppid>), so a link shows the same platform
// to whoever opens it; no parameter means the default platform (a deployment with one platform never shows one).

export const PLATFORM_PARAM = "platform";

/** The platform a dashboard request names (?platform=, a form's `platform`): the default one when empty, not_found for one this deployment lacks. */
export const requestedPlatform = async (componentAppid: string | null | undefined): Promise<TPlatform> => {
  if (!componentAppid) return defaultPlatform();
  const platform = await findPlatform(componentAppid);
  if (!platform) throw new AppError("not_found", `No platform ${componentAppid.slice(0, 40)} in this deployment.`);
  return platform;
};

/** The platform a dashboard page's URL names, as requestedPlatform, with the 404 page for one this deployment lacks. */
export const dashboardPlatform = (params: TSearchParams): Promise<TPlatform> =>
  requestedPlatform(firstParam(params[PLATFORM_PARAM])).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });

/** A dashboard href that keeps the chosen platform (nothing added for the default one). */
export const withPlatform = (href: string, platform: Pick<TPlatform, "componentAppid" | "isDefault"> | null | undefined) =>
  !platform || platform.isDefault
    ? href
    : `${href}${href.includes("?") ? "&" : "?"}${PLATFORM_PARAM}=${encodeURIComponent(platform.componentAppid)}`;

/** An authorization's page: /authorizers/{appid}, with ?platform= for an added platform's ("" the default one). */
export const authorizerHref = (platformKey: string, appid: string) =>
  `/authorizers/${appid}${platformKey ? `?${PLATFORM_PARAM}=${encodeURIComponent(platformKey)}` : ""}`;
