import { addDraftToTemplates, deleteCodeTemplate } from "@/lib/platform/templates/change-code-templates";
import { listCodeTemplates, listTemplateDrafts } from "@/lib/platform/templates/list-code-templates";
import { z } from "zod";
import { keyActor } from "../../plugins/api-key-auth";
import type { TApiRoutes } from "../../plugins/request-checks";
import { errors, KEY_ERRORS } from "../../schemas/common";
import { ZAddTemplateBody, ZDraft, ZTemplate, ZTemplateIdParams, ZTemplateQuery } from "../../schemas/mini-programs";
import { bothScopes, enabledPlatformOfParams } from "../platform-scope";

// The platform's Mini Program template library (component token): drafts from the developer tools, templates, and
// how many of its Mini Programs run each. Reading is open to readers; adding and deleting to admins.

const tags = ["templates"];
const TEMPLATE_ERRORS = [...KEY_ERRORS, 404, 409, 502, 503] as const;

export const templateRoutes: TApiRoutes = async (app) => {
  for (const scope of bothScopes("/api/v1/component", {})) {
    // GET /api/v1/component/templates - the template library, newest first, with how many Mini Programs run each
    app.get(
      `${scope.path}/templates`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "The template library",
          params: scope.params,
          querystring: ZTemplateQuery,
          response: { 200: z.array(ZTemplate), ...errors(...TEMPLATE_ERRORS) },
        },
      },
      async ({ params, query, apiKey }) =>
        listCodeTemplates({
          platform: await enabledPlatformOfParams(params),
          templateType: query.templateType === undefined ? undefined : (Number(query.templateType) as 0 | 1),
          actor: keyActor(apiKey),
        }),
    );

    // GET /api/v1/component/template-drafts - drafts uploaded from the developer tools
    app.get(
      `${scope.path}/template-drafts`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "Template drafts",
          params: scope.params,
          response: { 200: z.array(ZDraft), ...errors(...TEMPLATE_ERRORS) },
        },
      },
      async ({ params, apiKey }) => listTemplateDrafts({ platform: await enabledPlatformOfParams(params), actor: keyActor(apiKey) }),
    );

    // POST /api/v1/component/templates - add a draft to the library (ordinary or standard)
    app.post(
      `${scope.path}/templates`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Add a draft to the library",
          params: scope.params,
          body: ZAddTemplateBody,
          response: { 201: z.object({ added: z.literal(true) }), ...errors(...TEMPLATE_ERRORS) },
        },
      },
      async ({ params, body, apiKey }, reply) => {
        await addDraftToTemplates({ platform: await enabledPlatformOfParams(params), ...body, actor: keyActor(apiKey) });
        return reply.code(201).send({ added: true });
      },
    );

    // DELETE /api/v1/component/templates/:templateId - delete a template (Mini Programs running it keep their code)
    app.delete(
      `${scope.path}/templates/:templateId`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Delete a template",
          params: scope.params.extend(ZTemplateIdParams.shape),
          response: { 200: z.object({ deleted: z.literal(true) }), ...errors(...TEMPLATE_ERRORS) },
        },
      },
      async ({ params, apiKey }) => {
        await deleteCodeTemplate({
          platform: await enabledPlatformOfParams(params),
          templateId: params.templateId,
          actor: keyActor(apiKey),
        });
        return { deleted: true as const };
      },
    );
  }
};
