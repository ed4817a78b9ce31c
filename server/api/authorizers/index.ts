import { toAuthorizerJson } from "@/lib/http/authorizer-json";
import { importAuthorizers } from "@/lib/platform/authorization/import-authorizers";
import { forceAuthorizerTokenRefresh } from "@/lib/platform/authorizers/force-authorizer-token-refresh";
import { getAuthorizerProfile } from "@/lib/platform/authorizers/get-authorizer-profile";
import { invalidateAuthorizerToken } from "@/lib/platform/authorizers/invalidate-authorizer-token";
import { serveAuthorizerAccessToken } from "@/lib/platform/authorizers/serve-authorizer-access-token";
import { listAuthorizers } from "@/lib/platform/directory/list-authorizers";
import { keyActor } from "../../plugins/api-key-auth";
import {
  ZAccessToken,
  ZAuthorizer,
  ZAuthorizerListQuery,
  ZAuthorizerPage,
  ZImported,
  ZInvalidateBody,
  ZProfileQuery,
  ZRefreshed,
} from "../../schemas/authorizers";
import { errors, KEY_ERRORS, ZAppidParams } from "../../schemas/common";
import { authorizerOfParams, bothScopes, enabledPlatformOfParams, platformOfParams } from "../platform-scope";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import type { TApiRoutes } from "../../plugins/request-checks";

const tags = ["authorizers"];

export const authorizerRoutes: TApiRoutes = async (app) => {
  // Each route twice: today's path (the default platform) and /api/v1/platforms/{componentAppid}/… (that platform).
  for (const scope of bothScopes("/api/v1/authorizers", {})) {
    // GET /api/v1/authorizers - one page of authorizers and nextCursor / previousCursor
    app.get(
      scope.path,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "List authorizers",
          description: "One page, filtered by q, status, kind and scopeId, sorted; page with cursor.",
          params: scope.params,
          querystring: ZAuthorizerListQuery,
          response: { 200: ZAuthorizerPage, ...errors(...KEY_ERRORS) },
        },
      },
      async ({ params, query: { locale, ...query } }) => {
        const page = await listAuthorizers({ ...query, platformKey: platformKeyOf(await platformOfParams(params)) });
        return {
          items: page.items.map((item) => toAuthorizerJson(item, locale)),
          nextCursor: page.nextCursor,
          previousCursor: page.previousCursor,
        };
      },
    );

    // POST /api/v1/authorizers/import - import every authorizer from api_get_authorizer_list
    app.post(
      `${scope.path}/import`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Import every authorizer WeChat lists",
          description: "Reads api_get_authorizer_list page by page; accounts already held are updated.",
          params: scope.params,
          response: { 200: ZImported, ...errors(...KEY_ERRORS, 502, 503) },
        },
      },
      async ({ params, apiKey }) => importAuthorizers({ actor: keyActor(apiKey), platform: await enabledPlatformOfParams(params) }),
    );
  }

  for (const scope of bothScopes("/api/v1/authorizers/:appid", ZAppidParams.shape)) {
    // GET /api/v1/authorizers/:appid - profile, status, scopes [{ id, name }] and token expiry
    app.get(
      scope.path,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "An authorizer's profile",
          params: scope.params,
          querystring: ZProfileQuery,
          response: { 200: ZAuthorizer, ...errors(...KEY_ERRORS, 404) },
        },
      },
      async ({ params, query }) => getAuthorizerProfile({ ...(await authorizerOfParams(params)), locale: query.locale }),
    );

    // GET /api/v1/authorizers/:appid/access-token - refreshed first if needed (2-second in-process cache)
    app.get(
      `${scope.path}/access-token`,
      {
        config: { role: "operator" },
        schema: {
          tags,
          summary: "An authorizer's access token",
          description: "The current authorizer_access_token, refreshed first when it is about to expire. Never the refresh token.",
          params: scope.params,
          response: { 200: ZAccessToken, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
        },
      },
      async ({ params }) => {
        const { appid, accessToken, expiresAt } = await serveAuthorizerAccessToken(
          await authorizerOfParams(params, { isEnabledNeeded: true }),
        );
        return { appid, accessToken, expiresAt };
      },
    );

    // POST /api/v1/authorizers/:appid/access-token/invalidate - report a rejected token; answers the current one
    app.post(
      `${scope.path}/access-token/invalidate`,
      {
        config: { role: "operator" },
        schema: {
          tags,
          summary: "Report a token WeChat rejected",
          description: "Expires it compare-and-set (only if it is still the stored one) and answers the current token.",
          params: scope.params,
          body: ZInvalidateBody,
          response: { 200: ZAccessToken, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
        },
      },
      async ({ params, body, apiKey }) =>
        invalidateAuthorizerToken({
          ...(await authorizerOfParams(params, { isEnabledNeeded: true })),
          accessToken: body.accessToken,
          actor: keyActor(apiKey),
        }),
    );

    // POST /api/v1/authorizers/:appid/refresh - force a token refresh; answers the new expiry, not the token
    app.post(
      `${scope.path}/refresh`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Force a token refresh",
          params: scope.params,
          response: { 200: ZRefreshed, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
        },
      },
      async ({ params, apiKey }) =>
        forceAuthorizerTokenRefresh({ ...(await authorizerOfParams(params, { isEnabledNeeded: true })), actor: keyActor(apiKey) }),
    );
  }
};
