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
import type { TApiRoutes } from "../../plugins/request-checks";

const tags = ["authorizers"];

export const authorizerRoutes: TApiRoutes = async (app) => {
  // GET /api/v1/authorizers - one page of authorizers and nextCursor / previousCursor
  app.get(
    "/api/v1/authorizers",
    {
      config: { role: "reader" },
      schema: {
        tags,
        summary: "List authorizers",
        description: "One page, filtered by q, status, kind and scopeId, sorted; page with cursor.",
        querystring: ZAuthorizerListQuery,
        response: { 200: ZAuthorizerPage, ...errors(...KEY_ERRORS) },
      },
    },
    async ({ query: { locale, ...query } }) => {
      const page = await listAuthorizers(query);
      return {
        items: page.items.map((item) => toAuthorizerJson(item, locale)),
        nextCursor: page.nextCursor,
        previousCursor: page.previousCursor,
      };
    },
  );

  // POST /api/v1/authorizers/import - import every authorizer from api_get_authorizer_list
  app.post(
    "/api/v1/authorizers/import",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Import every authorizer WeChat lists",
        description: "Reads api_get_authorizer_list page by page; accounts already held are updated.",
        response: { 200: ZImported, ...errors(...KEY_ERRORS, 502, 503) },
      },
    },
    ({ apiKey }) => importAuthorizers({ actor: keyActor(apiKey) }),
  );

  // GET /api/v1/authorizers/:appid - profile, status, scopes [{ id, name }] and token expiry
  app.get(
    "/api/v1/authorizers/:appid",
    {
      config: { role: "reader" },
      schema: {
        tags,
        summary: "An authorizer's profile",
        params: ZAppidParams,
        querystring: ZProfileQuery,
        response: { 200: ZAuthorizer, ...errors(...KEY_ERRORS, 404) },
      },
    },
    ({ params, query }) => getAuthorizerProfile({ appid: params.appid, locale: query.locale }),
  );

  // GET /api/v1/authorizers/:appid/access-token - refreshed first if needed (2-second in-process cache)
  app.get(
    "/api/v1/authorizers/:appid/access-token",
    {
      config: { role: "operator" },
      schema: {
        tags,
        summary: "An authorizer's access token",
        description: "The current authorizer_access_token, refreshed first when it is about to expire. Never the refresh token.",
        params: ZAppidParams,
        response: { 200: ZAccessToken, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
      },
    },
    async ({ params }) => {
      const { appid, accessToken, expiresAt } = await serveAuthorizerAccessToken({ appid: params.appid });
      return { appid, accessToken, expiresAt };
    },
  );

  // POST /api/v1/authorizers/:appid/access-token/invalidate - report a rejected token; answers the current one
  app.post(
    "/api/v1/authorizers/:appid/access-token/invalidate",
    {
      config: { role: "operator" },
      schema: {
        tags,
        summary: "Report a token WeChat rejected",
        description: "Expires it compare-and-set (only if it is still the stored one) and answers the current token.",
        params: ZAppidParams,
        body: ZInvalidateBody,
        response: { 200: ZAccessToken, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
      },
    },
    ({ params, body, apiKey }) =>
      invalidateAuthorizerToken({ appid: params.appid, accessToken: body.accessToken, actor: keyActor(apiKey) }),
  );

  // POST /api/v1/authorizers/:appid/refresh - force a token refresh; answers the new expiry, not the token
  app.post(
    "/api/v1/authorizers/:appid/refresh",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Force a token refresh",
        params: ZAppidParams,
        response: { 200: ZRefreshed, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
      },
    },
    ({ params, apiKey }) => forceAuthorizerTokenRefresh({ appid: params.appid, actor: keyActor(apiKey) }),
  );
};
