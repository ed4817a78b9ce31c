import { getComponentAccessToken } from "@/lib/platform/component/get-component-access-token";
import { getComponentStatus } from "@/lib/platform/component/get-component-status";
import { createPlatform, getPlatformOr404, listPlatformViews, updatePlatform } from "@/lib/platform/component/manage-platforms";
import { toPlatformView } from "@/lib/platform/component/platform-view";
import { keyLabel } from "../../plugins/api-key-auth";
import { errors, KEY_ERRORS } from "../../schemas/common";
import { ZComponentAccessToken, ZComponentStatus } from "../../schemas/component";
import { ZComponentAppidParams, ZPlatform, ZPlatformCreateBody, ZPlatformList, ZPlatformUpdateBody } from "../../schemas/platforms";
import type { TApiRoutes } from "../../plugins/request-checks";
import { enabledPlatformOfParams } from "../platform-scope";

const tags = ["platforms"];

export const platformRoutes: TApiRoutes = async (app) => {
  // GET /api/v1/platforms - every platform, the default first (never a secret)
  app.get(
    "/api/v1/platforms",
    {
      config: { role: "operator" },
      schema: { tags, summary: "List the third-party platforms", response: { 200: ZPlatformList, ...errors(...KEY_ERRORS) } },
    },
    async ({ apiKey }) => ({
      items: (await listPlatformViews()).filter((platform) => !apiKey.platforms || apiKey.platforms.includes(platform.componentAppid)),
    }),
  );

  // POST /api/v1/platforms - 201 with the two URLs to paste into WeChat's console
  app.post(
    "/api/v1/platforms",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Add a third-party platform",
        description:
          "Its secrets are stored encrypted and never answered. The answer carries the authorization-event URL and the " +
          "message URL to set in the Open Platform console; tickets arrive once WeChat reaches the first.",
        body: ZPlatformCreateBody,
        response: { 201: ZPlatform, ...errors(...KEY_ERRORS, 409) },
      },
    },
    async ({ body, apiKey }, reply) => reply.code(201).send(await createPlatform({ input: body, actor: keyLabel(apiKey) })),
  );

  // GET /api/v1/platforms/:componentAppid
  app.get(
    "/api/v1/platforms/:componentAppid",
    {
      config: { role: "operator" },
      schema: {
        tags,
        summary: "A third-party platform",
        params: ZComponentAppidParams,
        response: { 200: ZPlatform, ...errors(...KEY_ERRORS, 404) },
      },
    },
    async ({ params }) => toPlatformView(await getPlatformOr404(params.componentAppid)),
  );

  // PATCH /api/v1/platforms/:componentAppid - any of { name, componentAppsecret, token, encodingAesKey, enabled }
  app.patch(
    "/api/v1/platforms/:componentAppid",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Rename a platform, replace its secrets, enable or disable it",
        description: "The default platform is the environment's (409). A disabled platform's pushes are refused and its data kept.",
        params: ZComponentAppidParams,
        body: ZPlatformUpdateBody,
        response: { 200: ZPlatform, ...errors(...KEY_ERRORS, 404, 409, 502) },
      },
    },
    ({ params, body, apiKey }) => updatePlatform({ componentAppid: params.componentAppid, changes: body, actor: keyLabel(apiKey) }),
  );

  // GET /api/v1/platforms/:componentAppid/component - the platform's ticket age and token expiry
  app.get(
    "/api/v1/platforms/:componentAppid/component",
    {
      config: { role: "reader" },
      schema: {
        tags,
        summary: "A platform's ticket and token state",
        params: ZComponentAppidParams,
        response: { 200: ZComponentStatus, ...errors(...KEY_ERRORS, 404) },
      },
    },
    async ({ params }) => getComponentStatus(new Date(), await getPlatformOr404(params.componentAppid)),
  );

  // GET /api/v1/platforms/:componentAppid/component/access-token - admin keys only
  app.get(
    "/api/v1/platforms/:componentAppid/component/access-token",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "A platform's component_access_token",
        description: "Refreshed first if needed. Admin keys only: with it, WeChat's component APIs answer every account's refresh token.",
        params: ZComponentAppidParams,
        response: { 200: ZComponentAccessToken, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
      },
    },
    async ({ params }) => {
      const { accessToken, expiresAt } = await getComponentAccessToken({ platform: await enabledPlatformOfParams(params) });
      return { accessToken, expiresAt };
    },
  );
};
