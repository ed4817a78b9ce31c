import { getComponentAccessToken } from "@/lib/platform/component/get-component-access-token";
import { getComponentStatus } from "@/lib/platform/component/get-component-status";
import { errors, KEY_ERRORS } from "../../schemas/common";
import { ZComponentAccessToken, ZComponentStatus } from "../../schemas/component";
import type { TApiRoutes } from "../../plugins/request-checks";

const tags = ["component"];

export const componentRoutes: TApiRoutes = async (app) => {
  // GET /api/v1/component - ticket age and component token expiry (never the token)
  app.get(
    "/api/v1/component",
    {
      config: { role: "reader" },
      schema: { tags, summary: "The platform's ticket and token state", response: { 200: ZComponentStatus, ...errors(...KEY_ERRORS) } },
    },
    () => getComponentStatus(),
  );

  // GET /api/v1/component/access-token - admin keys: with it and the allowlisted IP, WeChat answers refresh tokens
  app.get(
    "/api/v1/component/access-token",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "The component_access_token",
        description: "Refreshed first if needed. Admin keys only: with it, WeChat's component APIs answer every account's refresh token.",
        response: { 200: ZComponentAccessToken, ...errors(...KEY_ERRORS, 502, 503) },
      },
    },
    async () => {
      const { accessToken, expiresAt } = await getComponentAccessToken();
      return { accessToken, expiresAt };
    },
  );
};
