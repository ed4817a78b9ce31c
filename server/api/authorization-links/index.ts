import { createAuthorizationLink } from "@/lib/platform/authorization/create-authorization-link";
import { keyLabel } from "../../plugins/api-key-auth";
import { errors, KEY_ERRORS } from "../../schemas/common";
import { ZAuthorizationLink, ZAuthorizationLinkBody } from "../../schemas/component";
import type { TApiRoutes } from "../../plugins/request-checks";

export const authorizationLinkRoutes: TApiRoutes = async (app) => {
  // POST /api/v1/authorization-links - an invitation link for a merchant: { inviteUrl, expiresAt }
  app.post(
    "/api/v1/authorization-links",
    {
      config: { role: "operator" },
      schema: {
        tags: ["authorization"],
        summary: "Create an invitation link for a merchant",
        body: ZAuthorizationLinkBody,
        response: { 200: ZAuthorizationLink, ...errors(...KEY_ERRORS, 502, 503) },
      },
    },
    async ({ body, apiKey }) => {
      const { id, inviteUrl, expiresAt } = await createAuthorizationLink({ ...body, createdBy: { label: keyLabel(apiKey) } });
      return { id, inviteUrl, expiresAt };
    },
  );
};
