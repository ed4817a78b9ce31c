import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { TSimulatorContext } from "../context";
import { SimulatorError } from "../errors";
import { ZFault } from "../faults";
import { isFormRequest, readBody, redirect, sendHtml, sendJson, sendSvg } from "../http-utils";
import { avatarSvg, qrcodeSvg } from "../images";
import type { TSimulator } from "../simulator-types";
import { ZAuthorizationBody, ZBulkAccountsBody, ZClockBody, ZConfigChange, ZPlatformChoice, ZPushBody } from "./control-schemas";
import { parse, type TControlInput, type TRoute } from "./control-route";
import { renderIndexPage } from "./index-page";
import { MESSAGE_ROUTES } from "./message-routes";
import { MINI_PROGRAM_ROUTES } from "./mini-program-routes";
import { ZPlatformBody } from "../platforms";

export const CONTROL_PREFIX = "/__sim";

/** The platform a route's body names (`componentAppid`), undefined for the primary one. */
const platformIn = async (body: TControlInput["body"]) => parse(ZPlatformChoice, await body()).componentAppid;

const ROUTES: TRoute[] = [
  { method: "GET", pattern: /^\/state$/, handle: ({ simulator }) => simulator.state() },
  { method: "GET", pattern: /^\/config$/, handle: ({ simulator }) => simulator.config },
  {
    method: "PATCH",
    pattern: /^\/config$/,
    handle: async ({ simulator, body }) => {
      simulator.setConfig(parse(ZConfigChange, await body()));
      return simulator.config;
    },
  },
  {
    method: "GET",
    pattern: /^\/calls$/,
    handle: ({ simulator, url }) =>
      simulator.calls({
        path: url.searchParams.get("path") ?? undefined,
        api: url.searchParams.get("api") ?? undefined,
        appid: url.searchParams.get("appid") ?? undefined,
      }),
  },
  { method: "DELETE", pattern: /^\/calls$/, handle: ({ simulator }) => (simulator.clearCalls(), { cleared: true }) },
  { method: "POST", pattern: /^\/push-ticket$/, handle: ({ simulator }) => simulator.pushTicket() },
  { method: "GET", pattern: /^\/platforms$/, handle: ({ simulator }) => simulator.platforms() },
  {
    method: "POST",
    pattern: /^\/platforms$/,
    handle: async ({ simulator, body }) => simulator.addPlatform(parse(ZPlatformBody, await body())),
  },
  {
    method: "POST",
    pattern: /^\/platforms\/(wx[0-9A-Za-z]{16})\/push-ticket$/,
    handle: ({ simulator, params }) => simulator.pushTicket(params[0]),
  },
  { method: "GET", pattern: /^\/ticket$/, handle: ({ simulator }) => simulator.latestTicket() },
  { method: "POST", pattern: /^\/push$/, handle: async ({ simulator, body }) => simulator.push(parse(ZPushBody, await body())) },
  { method: "GET", pattern: /^\/deliveries$/, handle: ({ simulator }) => simulator.deliveries() },
  { method: "DELETE", pattern: /^\/deliveries$/, handle: ({ simulator }) => (simulator.clearDeliveries(), { cleared: true }) },
  { method: "GET", pattern: /^\/faults$/, handle: ({ simulator }) => simulator.faults() },
  {
    method: "POST",
    pattern: /^\/faults$/,
    handle: async ({ simulator, body }) => {
      const value = await body();
      const faults = parse(z.union([ZFault, z.array(ZFault)]), value);
      return (Array.isArray(faults) ? faults : [faults]).map((fault) => simulator.addFault(fault));
    },
  },
  { method: "DELETE", pattern: /^\/faults$/, handle: ({ simulator }) => (simulator.clearFaults(), { cleared: true }) },
  // HTML forms cannot send DELETE: the index page's button posts here.
  { method: "POST", pattern: /^\/faults\/clear$/, handle: ({ simulator }) => (simulator.clearFaults(), { cleared: true }) },
  {
    method: "POST",
    pattern: /^\/clock$/,
    handle: async ({ simulator, body }) => simulator.advanceClock(parse(ZClockBody, await body()).advanceSeconds),
  },
  { method: "GET", pattern: /^\/accounts$/, handle: ({ simulator }) => simulator.accounts() },
  {
    method: "POST",
    pattern: /^\/accounts\/bulk$/,
    handle: async ({ simulator, body }) => {
      const { count, ...options } = parse(ZBulkAccountsBody, await body());
      return simulator.addAccounts(count, options);
    },
  },
  {
    method: "POST",
    pattern: /^\/authorizations$/,
    handle: async ({ simulator, body }) => {
      const { wait, ...options } = parse(ZAuthorizationBody, await body());
      const { delivery, ...result } = simulator.authorizeProgrammatically(options);
      if (!wait) {
        delivery?.catch(() => {});
        return result;
      }
      return { ...result, delivery: await delivery };
    },
  },
  // These take the platform as `componentAppid` in the body (the primary one when absent), as POST /authorizations does.
  {
    method: "POST",
    pattern: /^\/authorizations\/([^/]+)\/cancel$/,
    handle: async ({ simulator, params, body }) => simulator.cancelAuthorization(params[0], await platformIn(body)),
  },
  // Behind the platform's back: another system refreshed the account, or holds another refresh token for it.
  {
    method: "POST",
    pattern: /^\/authorizations\/([^/]+)\/retire-tokens$/,
    handle: async ({ simulator, params, body }) => ({ retired: simulator.retireAuthorizerTokens(params[0], await platformIn(body)) }),
  },
  {
    method: "POST",
    pattern: /^\/authorizations\/([^/]+)\/replace-refresh-token$/,
    handle: async ({ simulator, params, body }) => ({ refreshToken: simulator.replaceRefreshToken(params[0], await platformIn(body)) }),
  },
  { method: "POST", pattern: /^\/component\/retire-tokens$/, handle: ({ simulator }) => ({ retired: simulator.retireComponentTokens() }) },
  {
    method: "GET",
    pattern: /^\/avatar\/([^/]+)\.svg$/,
    answers: "svg",
    handle: ({ context, params }) => {
      const account = context.state.accounts.get(params[0]);
      if (!account) throw new SimulatorError("unknown appid", 404);
      return avatarSvg(account);
    },
  },
  ...MESSAGE_ROUTES,
  ...MINI_PROGRAM_ROUTES,
  { method: "GET", pattern: /^\/qrcode\/([^/]+)\.svg$/, answers: "svg", handle: ({ params }) => qrcodeSvg(params[0]) },
  { method: "GET", pattern: /^\/?$/, answers: "html", handle: ({ simulator }) => renderIndexPage(simulator) },
];

/** A form post carries strings; JSON callers carry JSON. Either way the handler sees a plain object. */
const readControlBody = async (request: IncomingMessage): Promise<unknown> => {
  const raw = await readBody(request);
  if (isFormRequest(request)) return Object.fromEntries(new URLSearchParams(raw));
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new SimulatorError("body is not valid JSON");
  }
};

// /__sim/* - the control API (JSON) and the operators' index page (HTML)
export const handleControl = async (
  context: TSimulatorContext,
  simulator: TSimulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => {
  const subPath = url.pathname.slice(CONTROL_PREFIX.length);
  const matching = ROUTES.filter((route) => route.pattern.test(subPath));
  const route = matching.find((candidate) => candidate.method === request.method);
  if (!route) {
    return sendJson(response, matching.length > 0 ? 405 : 404, {
      error: matching.length > 0 ? "method not allowed" : "no such control route",
    });
  }
  const params = (route.pattern.exec(subPath) ?? []).slice(1).map(decodeURIComponent);
  const isForm = isFormRequest(request);
  try {
    const result = await route.handle({ context, simulator, params, url, isForm, body: () => readControlBody(request) });
    if (route.answers === "svg") return sendSvg(response, String(result));
    if (route.answers === "html") return sendHtml(response, 200, String(result));
    // Buttons on the index page post forms: send the operator back to the page.
    if (isForm) return redirect(response, 303, `${route.page ?? `${CONTROL_PREFIX}/`}${route.section ? `#${route.section}` : ""}`);
    sendJson(response, 200, result ?? null);
  } catch (error) {
    if (error instanceof SimulatorError) return sendJson(response, error.status, { error: error.message });
    throw error;
  }
};
