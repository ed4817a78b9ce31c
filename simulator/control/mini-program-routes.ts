import { z } from "zod";
import { ZAccountProfileInput, ZAuditDecisionInput, ZAuditQuotaInput, ZTemplateDraftInput } from "../mini-program/code-inputs";
import { startAuditDecision } from "../mini-program/simulator-methods";
import { parse, type TControlInput, type TRoute } from "./control-route";
import { renderMiniProgramsPage } from "./mini-programs-page";

// /__sim/mini-programs, /__sim/template-drafts, /__sim/audit-quota - Mini Program code management's control surface
// (§11): what the developer tools, WeChat's reviewer and its operators do, plus the page showing it all.

const PAGE = "/__sim/mini-programs";
const APPID = "(wx[0-9A-Za-z]{16})";

/** The platform a GET names in its query, the primary one when absent. */
const platformQuery = (url: URL) => url.searchParams.get("componentAppid") || undefined;

/** The body with the path's appid (a body that is no object counts as empty). */
const withAppid = async (body: TControlInput["body"], appid: string) => {
  const value = await body();
  return { ...(typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}), appid };
};

const ZDecisionBody = ZAuditDecisionInput.extend({
  /** Answer once the platform answered the event (default for JSON) or at once (default for the page's buttons). */
  wait: z.preprocess((value) => (typeof value === "string" ? value === "true" : value), z.boolean().optional()),
});

export const MINI_PROGRAM_ROUTES: TRoute[] = [
  { method: "GET", pattern: /^\/mini-programs$/, answers: "html", handle: ({ simulator }) => renderMiniProgramsPage(simulator) },
  {
    method: "GET",
    pattern: new RegExp(`^/mini-programs/${APPID}$`),
    handle: ({ simulator, params, url }) => simulator.miniProgram(params[0], platformQuery(url)),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/mini-programs/${APPID}/audit-plan$`),
    page: PAGE,
    handle: async ({ simulator, params, body }) => simulator.setAuditPlan(parse(ZAuditDecisionInput, await withAppid(body, params[0]))),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/mini-programs/${APPID}/audit-decision$`),
    page: PAGE,
    handle: async ({ context, params, body, isForm }) => {
      const { wait, ...decision } = parse(ZDecisionBody, await withAppid(body, params[0]));
      // Decided now (a 409 when nothing is in review); only the push to the platform may be left running.
      const { audit, done } = startAuditDecision(context, decision);
      if (wait ?? !isForm) return { audit, message: await done };
      done.catch(() => {});
      return { audit, message: null };
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/mini-programs/${APPID}/profile$`),
    page: PAGE,
    handle: async ({ simulator, params, body }) =>
      simulator.setAccountProfile(parse(ZAccountProfileInput, await withAppid(body, params[0]))),
  },
  {
    method: "POST",
    pattern: /^\/template-drafts$/,
    page: PAGE,
    handle: async ({ simulator, body }) => simulator.addTemplateDraft(parse(ZTemplateDraftInput, await body())),
  },
  { method: "GET", pattern: /^\/template-library$/, handle: ({ simulator, url }) => simulator.templateLibrary(platformQuery(url)) },
  { method: "GET", pattern: /^\/audit-quota$/, handle: ({ simulator, url }) => simulator.auditQuota(platformQuery(url)) },
  {
    method: "POST",
    pattern: /^\/audit-quota$/,
    page: PAGE,
    handle: async ({ simulator, body }) => simulator.setAuditQuota(parse(ZAuditQuotaInput, await body())),
  },
];
