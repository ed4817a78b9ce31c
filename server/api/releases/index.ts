import { z } from "zod";
import { changeRelease, type TReleaseChange } from "@/lib/platform/releases/change-release";
import { createRelease } from "@/lib/platform/releases/create-release";
import { getRelease, listReleases } from "@/lib/platform/releases/get-release";
import { planRelease } from "@/lib/platform/releases/plan-release";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { keyActor } from "../../plugins/api-key-auth";
import type { TApiRoutes } from "../../plugins/request-checks";
import { errors, KEY_ERRORS } from "../../schemas/common";
import {
  ZRelease,
  ZReleaseBody,
  ZReleaseChanged,
  ZReleaseCreated,
  ZReleaseIdParams,
  ZReleaseList,
  ZReleasePreview,
  ZReleaseQuery,
} from "../../schemas/releases";
import { bothScopes, enabledPlatformOfParams, platformOfParams } from "../platform-scope";

// Release campaigns (admins start and steer them; readers watch). A campaign belongs to one platform.

const tags = ["releases"];
const RELEASE_ERRORS = [...KEY_ERRORS, 404, 409, 502, 503] as const;
/** A CSV of a few thousand accounts is larger than the API's usual 64 KB. */
const CAMPAIGN_BODY_BYTES = 2_500_000;

type TBody = z.output<typeof ZReleaseBody>;

const inputOf = (body: TBody) => ({
  templateId: body.templateId,
  userVersion: body.userVersion,
  userDesc: body.userDesc,
  extJson: body.extJson,
  targets: body.targets,
  csv: body.csv,
  values: body.values,
  isSubmitAudit: body.submitAudit,
});

export const releaseRoutes: TApiRoutes = async (app) => {
  for (const scope of bothScopes("/api/v1/releases", {})) {
    const withId = scope.params.extend(ZReleaseIdParams.shape);

    // GET /api/v1/releases - the platform's campaigns, newest first, with their counts per state
    app.get(
      scope.path,
      {
        config: { role: "reader" },
        schema: { tags, summary: "Release campaigns", params: scope.params, response: { 200: ZReleaseList, ...errors(...RELEASE_ERRORS) } },
      },
      async ({ params }) => ({ items: await listReleases({ platformKey: platformKeyOf(await platformOfParams(params)) }) }),
    );

    // POST /api/v1/releases/preview - what a campaign would do: accounts, review slots, the first account's ext_json
    app.post(
      `${scope.path}/preview`,
      {
        config: { role: "admin" },
        bodyLimit: CAMPAIGN_BODY_BYTES,
        schema: {
          tags,
          summary: "Preview a campaign",
          params: scope.params,
          body: ZReleaseBody,
          response: { 200: ZReleasePreview, ...errors(...RELEASE_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) => {
        const plan = await planRelease({ platform: await enabledPlatformOfParams(params), ...inputOf(body), actor: keyActor(apiKey) });
        const [first] = plan.targets;
        return {
          targetCount: plan.targets.length,
          quota: plan.quota,
          submittableNow: plan.submittableNow,
          waitingForQuota: plan.waitingForQuota,
          sample: { appid: first.appid, extJson: first.extJson },
        };
      },
    );

    // POST /api/v1/releases - start a campaign
    app.post(
      scope.path,
      {
        config: { role: "admin" },
        bodyLimit: CAMPAIGN_BODY_BYTES,
        schema: {
          tags,
          summary: "Start a release campaign",
          description: "Answers how many accounts this month's review slots cover now; the rest wait in waiting_for_quota.",
          params: scope.params,
          body: ZReleaseBody,
          response: { 201: ZReleaseCreated, ...errors(...RELEASE_ERRORS) },
        },
      },
      async ({ params, body, apiKey }, reply) => {
        const created = await createRelease({
          platform: await enabledPlatformOfParams(params),
          ...inputOf(body),
          name: body.name,
          isAutoRelease: body.autoRelease,
          isSpeedUp: body.speedUp,
          grayPercentage: body.grayPercentage,
          domains: body.domains,
          privacy: body.privacy,
          actor: keyActor(apiKey),
        });
        return reply.code(201).send(created);
      },
    );

    // GET /api/v1/releases/:id - counts per state and the accounts in each
    app.get(
      `${scope.path}/:id`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "A release campaign",
          params: withId,
          querystring: ZReleaseQuery,
          response: { 200: ZRelease, ...errors(...RELEASE_ERRORS) },
        },
      },
      async ({ params, query }) => getRelease({ id: params.id, platformKey: platformKeyOf(await platformOfParams(params)), ...query }),
    );

    const changes: { change: TReleaseChange; summary: string }[] = [
      { change: "pause", summary: "Pause: no new step starts" },
      { change: "resume", summary: "Resume a paused campaign" },
      { change: "cancel", summary: "Cancel: accounts not yet in review stop" },
      { change: "retry-failed", summary: "Retry the failed accounts from the step that failed" },
    ];
    for (const { change, summary } of changes) {
      // POST /api/v1/releases/:id/pause - no new step starts
      // POST /api/v1/releases/:id/resume - steps start again
      // POST /api/v1/releases/:id/cancel - accounts not yet in review stop
      // POST /api/v1/releases/:id/retry-failed - failed accounts go back to the step that failed
      app.post(
        `${scope.path}/:id/${change}`,
        {
          config: { role: "admin" },
          schema: {
            tags,
            summary,
            params: withId,
            body: z.object({}).optional(),
            response: { 200: ZReleaseChanged, ...errors(...RELEASE_ERRORS) },
          },
        },
        async ({ params, apiKey }) =>
          changeRelease({ id: params.id, platformKey: platformKeyOf(await platformOfParams(params)), change, actor: keyActor(apiKey) }),
      );
    }
  }
};
