import { createAuthorizationLink } from "@/lib/platform/authorization/create-authorization-link";
import { keyLabel } from "../../plugins/api-key-auth";
import { errors, KEY_ERRORS } from "../../schemas/common";
import { ZAuthorizationLink, ZAuthorizationLinkBody } from "../../schemas/component";
import type { TApiRoutes } from "../../plugins/request-checks";
import { bothScopes, platformOfParams } from "../platform-scope";

export const authorizationLinkRoutes: TApiRoutes = async (app) => {
  for (const scope of bothScopes("/api/v1/authorization-links", {})) {
    // POST /api/v1/authorization-links - an invitation link for a merchant: { inviteUrl, expiresAt }
    app.post(
      scope.path,
      {
        config: { role: "operator" },
        schema: {
          tags: ["authorization"],
          summary: "Create an invitation link for a merchant",
          params: scope.params,
          body: ZAuthorizationLinkBody,
          response: { 200: ZAuthorizationLink, ...errors(...KEY_ERRORS, 404, 409, 502, 503) },
        },
      },
      async ({ params, body, apiKey }) => {
        const platform = await platformOfParams(params);
        const { id, inviteUrl, expiresAt } = await createAuthorizationLink({ ...body, platform, createdBy: { label: keyLabel(apiKey) } });
        return { id, inviteUrl, expiresAt };
      },
    );
  }
};
