import { z } from "zod";
import { commitCode } from "@/lib/platform/mini-programs/commit-code";
import { getMiniProgramCode } from "@/lib/platform/mini-programs/get-mini-program-code";
import { getTrialQrcode } from "@/lib/platform/mini-programs/get-trial-qrcode";
import { grayRelease } from "@/lib/platform/mini-programs/gray-release";
import { releaseCode } from "@/lib/platform/mini-programs/release-code";
import { listVersionHistory, rollbackCode } from "@/lib/platform/mini-programs/rollback-code";
import { setVisitStatus } from "@/lib/platform/mini-programs/set-visit-status";
import { getAuditOptions } from "@/lib/platform/reviews/get-audit-options";
import { getAuditQuota } from "@/lib/platform/reviews/get-audit-quota";
import { speedUpAudit } from "@/lib/platform/reviews/speed-up-audit";
import { submitAudit } from "@/lib/platform/reviews/submit-audit";
import { undoAudit } from "@/lib/platform/reviews/undo-audit";
import { keyActor } from "../../plugins/api-key-auth";
import type { TApiRoutes } from "../../plugins/request-checks";
import { errors, KEY_ERRORS, ZAppidParams } from "../../schemas/common";
import {
  ZAuditBody,
  ZAuditOptions,
  ZAuditQuota,
  ZCodeQuery,
  ZCommitBody,
  ZGrayBody,
  ZHistory,
  ZMiniProgramCode,
  ZQrcodeQuery,
  ZRollbackBody,
  ZVisitBody,
} from "../../schemas/mini-programs";
import { authorizerOfParams, bothScopes } from "../platform-scope";

// One Mini Program's code: its versions, commit, review, release (parity with WeChat's own console). Operators commit
// and submit; release, gray release, rollback and closing visits are admin-only. Every route needs permission set 18.

const tags = ["mini-programs"];
const ACTION_ERRORS = [...KEY_ERRORS, 404, 409, 502, 503] as const;
const NO_BODY = z.object({});

export const miniProgramRoutes: TApiRoutes = async (app) => {
  for (const scope of bothScopes("/api/v1/authorizers/:appid/code", ZAppidParams.shape)) {
    const ref = (params: { appid: string }) => authorizerOfParams(params, { isEnabledNeeded: true });

    // GET /api/v1/authorizers/:appid/code - the trial, the latest review and the live version
    app.get(
      scope.path,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "A Mini Program's versions",
          description: "Read from WeChat unless wxopen read them within the last minute (or ?refresh=true).",
          params: scope.params,
          querystring: ZCodeQuery,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, query, apiKey }) =>
        getMiniProgramCode({ ref: await ref(params), maxAgeSeconds: query.refresh === "true" ? 0 : 60, actor: keyActor(apiKey) }),
    );

    // GET /api/v1/authorizers/:appid/code/trial-qrcode - the trial version's QR code (JPEG)
    app.get(
      `${scope.path}/trial-qrcode`,
      {
        config: { role: "operator" },
        schema: {
          tags,
          summary: "The trial version's QR code",
          description: "The JPEG from get_qrcode; `path` opens a page.",
          params: scope.params,
          querystring: ZQrcodeQuery,
          response: { 200: z.string().meta({ description: "image/jpeg" }), ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, query, apiKey }, reply) => {
        const image = await getTrialQrcode({ ref: await ref(params), path: query.path, actor: keyActor(apiKey) });
        return reply.type(image.contentType).header("cache-control", "private, no-store").send(image.bytes);
      },
    );

    // GET /api/v1/authorizers/:appid/code/audit-options - categories and pages a review may name
    app.get(
      `${scope.path}/audit-options`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "Categories and pages for a review",
          params: scope.params,
          response: { 200: ZAuditOptions, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, apiKey }) => getAuditOptions({ ref: await ref(params), actor: keyActor(apiKey) }),
    );

    // GET /api/v1/authorizers/:appid/code/quota - the platform's review and speed-up slots this month
    app.get(
      `${scope.path}/quota`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "The platform's review quota (queryquota)",
          params: scope.params,
          response: { 200: ZAuditQuota, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, apiKey }) => getAuditQuota({ ref: await ref(params), actor: keyActor(apiKey) }),
    );

    // GET /api/v1/authorizers/:appid/code/history - the versions a rollback may go back to
    app.get(
      `${scope.path}/history`,
      {
        config: { role: "reader" },
        schema: {
          tags,
          summary: "Released versions a rollback may choose",
          params: scope.params,
          response: { 200: ZHistory, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, apiKey }) => listVersionHistory({ ref: await ref(params), actor: keyActor(apiKey) }),
    );

    // POST /api/v1/authorizers/:appid/code/commit - a template with this account's ext_json becomes the trial version
    app.post(
      `${scope.path}/commit`,
      {
        config: { role: "operator" },
        schema: {
          tags,
          summary: "Commit a template",
          params: scope.params,
          body: ZCommitBody,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) => commitCode({ ref: await ref(params), ...body, actor: keyActor(apiKey) }),
    );

    // POST /api/v1/authorizers/:appid/code/audit - submit the trial version for review (one of the month's slots)
    app.post(
      `${scope.path}/audit`,
      {
        config: { role: "operator" },
        schema: {
          tags,
          summary: "Submit for review",
          params: scope.params,
          body: ZAuditBody,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) => submitAudit({ ref: await ref(params), ...body, actor: keyActor(apiKey) }),
    );

    const simpleActions = [
      { suffix: "audit/undo", role: "operator", summary: "Withdraw the review (5 a day, 10 a month)", run: undoAudit },
      { suffix: "audit/speedup", role: "operator", summary: "Speed up the review (the month's speed-up slots)", run: speedUpAudit },
      { suffix: "release", role: "admin", summary: "Release the version that passed review", run: releaseCode },
    ] as const;
    for (const action of simpleActions) {
      // POST /api/v1/authorizers/:appid/code/audit/undo - withdraw the review in progress
      // POST /api/v1/authorizers/:appid/code/audit/speedup - ask for a faster review
      // POST /api/v1/authorizers/:appid/code/release - release the version that passed review
      app.post(
        `${scope.path}/${action.suffix}`,
        {
          config: { role: action.role },
          schema: {
            tags,
            summary: action.summary,
            params: scope.params,
            body: NO_BODY.optional(),
            response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
          },
        },
        async ({ params, apiKey }) => action.run({ ref: await ref(params), actor: keyActor(apiKey) }),
      );
    }

    // POST /api/v1/authorizers/:appid/code/gray-release - release to a percentage of users first
    app.post(
      `${scope.path}/gray-release`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Gray release",
          params: scope.params,
          body: ZGrayBody,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) => grayRelease({ ref: await ref(params), percentage: body.percentage, actor: keyActor(apiKey) }),
    );

    // POST /api/v1/authorizers/:appid/code/rollback - the live version goes back to the previous (or a chosen) one
    app.post(
      `${scope.path}/rollback`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Roll back the live version",
          params: scope.params,
          body: ZRollbackBody,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) => rollbackCode({ ref: await ref(params), appVersion: body.appVersion, actor: keyActor(apiKey) }),
    );

    // POST /api/v1/authorizers/:appid/code/visit-status - open or close the Mini Program to visitors
    app.post(
      `${scope.path}/visit-status`,
      {
        config: { role: "admin" },
        schema: {
          tags,
          summary: "Open or close visits (暂停服务)",
          params: scope.params,
          body: ZVisitBody,
          response: { 200: ZMiniProgramCode, ...errors(...ACTION_ERRORS) },
        },
      },
      async ({ params, body, apiKey }) =>
        setVisitStatus({ ref: await ref(params), isOpen: body.status === "open", actor: keyActor(apiKey) }),
    );
  }
};
