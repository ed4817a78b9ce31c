import { z } from "zod";
import { getPlatformOr404 } from "@/lib/platform/component/manage-platforms";
import { assertPlatformEnabled, platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { defaultPlatform, type TPlatform } from "@/lib/platform/platforms/platform-registry";
import { ZComponentAppidParams } from "../schemas/platforms";

// Platform-scoped resources answer at two paths: today's (/api/v1/authorizers/…), which always means the default
// platform, and the canonical one under /api/v1/platforms/{componentAppid}/… for any platform. Routes register both
// with `bothScopes` and find their platform from the parameters with `platformOfParams`.

/** The same path under /api/v1/platforms/:componentAppid. */
export const platformScopedPath = (path: string) => `/api/v1/platforms/:componentAppid${path.slice("/api/v1".length)}`;

/** Today's path and the platform-scoped one, each with its parameters' schema. */
export const bothScopes = <S extends z.ZodRawShape>(path: string, shape: S) =>
  [
    { path, params: z.object(shape) },
    { path: platformScopedPath(path), params: z.object({ ...shape, ...ZComponentAppidParams.shape }) },
  ] as const;

/** The platform a path names (the default one for today's paths); unknown 404. */
export const platformOfParams = async (params: object): Promise<TPlatform> => {
  const componentAppid = (params as { componentAppid?: unknown }).componentAppid;
  return typeof componentAppid === "string" ? getPlatformOr404(componentAppid) : defaultPlatform();
};

/** platformOfParams, or 409 for a disabled platform (assertPlatformEnabled). */
export const enabledPlatformOfParams = async (params: object): Promise<TPlatform> => assertPlatformEnabled(await platformOfParams(params));

/** The authorization a path names: its platform and appid. */
export const authorizerOfParams = async (params: { appid: string }, { isEnabledNeeded = false } = {}) => {
  const platform = await (isEnabledNeeded ? enabledPlatformOfParams(params) : platformOfParams(params));
  return { platformKey: platformKeyOf(platform), appid: params.appid };
};
