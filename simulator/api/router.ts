import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_CALLS, pushCapped, sleep, type TCall, type TSimulatorContext } from "../context";
import { wechatError } from "../errors";
import { takeFaults } from "../faults";
import { sendBinary, sendJson } from "../http-utils";
import { consumeQuota, quotaOwner } from "../quota";
import { checkToken } from "../tokens";
import { isBinaryAnswer, type TApiAnswer, type TApiDefinition } from "./api-definition";
import { authorizerToken } from "./authorizer-token";
import { clearAccountQuota } from "./clear-account-quota";
import { clearQuota } from "./clear-quota";
import { componentToken } from "./component-token";
import { createPreAuthCode } from "./create-preauthcode";
import { customSend } from "./custom-send";
import { getAuthorizerInfo } from "./get-authorizer-info";
import { getAuthorizerList } from "./get-authorizer-list";
import { getWxaCodeUnlimit } from "./get-wxa-code-unlimit";
import { mediaGet } from "./media-get";
import { mediaUpload } from "./media-upload";
import { menuGet } from "./menu-get";
import { MINI_PROGRAM_APIS, PRIVACY_APIS } from "./mini-program-apis";
import { queryAuth } from "./query-auth";
import { createQuotaGet, type TApiLookup } from "./quota-get";
import { loggedBody, readApiBody } from "./request-body";
import { startPushTicket } from "./start-push-ticket";

export const API_PREFIX = "/cgi-bin/component/";
const CGI_PREFIX = "/cgi-bin/";

const COMPONENT_APIS: Record<string, TApiDefinition> = {
  api_component_token: componentToken,
  api_start_push_ticket: startPushTicket,
  api_create_preauthcode: createPreAuthCode,
  api_query_auth: queryAuth,
  api_authorizer_token: authorizerToken,
  api_get_authorizer_info: getAuthorizerInfo,
  api_get_authorizer_list: getAuthorizerList,
  "clear_quota/v2": clearQuota,
  // The two privacy-guide APIs live under this prefix but take an authorizer token (their tokenKind says so).
  ...PRIVACY_APIS,
};

/** "/cgi-bin/menu/get" → "menu/get", "/wxa/gettemplatelist" → "wxa/gettemplatelist". */
const nameOf = (path: string) => (path.startsWith(CGI_PREFIX) ? path.slice(CGI_PREFIX.length) : path.slice(1));

/** The API name calls are logged, faults matched and quotas counted under: "api_query_auth", "menu/get" ... */
const apiOf: TApiLookup = (path) => {
  if (path.startsWith(API_PREFIX)) {
    const api = path.slice(API_PREFIX.length);
    return { api, definition: Object.hasOwn(COMPONENT_APIS, api) ? COMPONENT_APIS[api] : undefined };
  }
  // OTHER_APIS is declared below (quota/get needs this lookup); it is read at call time, once it exists.
  return { api: nameOf(path), definition: Object.hasOwn(OTHER_APIS, path) ? OTHER_APIS[path] : undefined };
};

/**
 * The other APIs, by full path (so "/cgi-bin/wxa/..." is not mistaken for "/wxa/..."): most are account APIs a platform
 * calls with an authorizer_access_token; the template library's (wxa/gettemplatelist ...) take the component token.
 */
const OTHER_APIS: Record<string, TApiDefinition> = {
  "/cgi-bin/message/custom/send": customSend,
  "/cgi-bin/menu/get": menuGet,
  "/cgi-bin/media/upload": mediaUpload,
  "/cgi-bin/media/get": mediaGet,
  "/cgi-bin/openapi/quota/get": createQuotaGet(apiOf),
  "/cgi-bin/clear_quota": clearAccountQuota,
  "/wxa/getwxacodeunlimit": getWxaCodeUnlimit,
  ...MINI_PROGRAM_APIS,
};

/** Every component path is logged (unknown ones answer 404); outside it, only the APIs we simulate. */
export const isApiPath = (path: string) => path.startsWith(API_PREFIX) || apiOf(path).definition !== undefined;

/** The page WeChat's gateway (stgw) answers when it, not the API, refuses a request. */
const GATEWAY_PAGE = (status: number) =>
  `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>stgw</center></body></html>`;

/** Runs one API call the way WeChat would: faults, method, body, token, quota, then the API itself. */
export const handleApiCall = async (context: TSimulatorContext, request: IncomingMessage, response: ServerResponse, url: URL) => {
  const { api, definition } = apiOf(url.pathname);
  const body = await readApiBody(request, definition?.bodyFormat);
  const call: TCall = {
    at: new Date(context.clock.nowMs()).toISOString(),
    path: url.pathname,
    api,
    method: request.method ?? "",
    query: Object.fromEntries(url.searchParams),
    body: loggedBody(body),
    errcode: null,
    status: 0,
  };
  pushCapped(context.state.calls, call, MAX_CALLS);
  if (!definition) {
    call.status = 404;
    response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    return;
  }
  const { latencyMs, fault } = takeFaults(context, api, body.kind === "json" ? body.value : undefined);
  await sleep(latencyMs, context.shutdown.signal);
  const answer = (result: TApiAnswer) => {
    call.status = 200;
    if (isBinaryAnswer(result)) {
      call.errcode = 0;
      return sendBinary(response, result.binary, result.contentType, result.headers);
    }
    call.errcode = typeof result.errcode === "number" ? result.errcode : 0;
    sendJson(response, 200, result);
  };
  const refuse = (status: number) => {
    call.status = status;
    response.writeHead(status, { "content-type": "text/html" }).end(GATEWAY_PAGE(status));
  };
  if (fault?.mode === "drop") {
    request.socket.destroy();
    return;
  }
  if (fault?.mode === "http") return refuse(fault.status ?? 502);
  if (fault?.mode === "errcode") return answer(wechatError(fault.errcode ?? -1, fault.errmsg));
  const methods: readonly string[] = definition.methods ?? ["POST"];
  // A GET-only API (get_page, queryquota ...) says so: 43001 "require GET method".
  if (!methods.includes(request.method ?? "")) return answer(wechatError(methods.includes("POST") ? 43002 : 43001));
  // An oversized upload is WeChat's 40006; any other oversized body the gateway refuses before the API sees it.
  if (body.kind === "too-large") return definition.bodyFormat === "multipart" ? answer(wechatError(40006)) : refuse(413);
  if (body.kind === "invalid-json") return answer(wechatError(47001));
  let token;
  if (definition.tokenKind) {
    // Docs name the component token component_access_token on some pages, access_token on others (§11.0): WeChat takes both.
    const legacyName = definition.tokenKind === "component" ? url.searchParams.get("component_access_token") : null;
    const check = checkToken(context, legacyName ?? url.searchParams.get("access_token"), definition.tokenKind);
    if (!check.ok) return answer(wechatError(check.errcode));
    token = check.record;
    // Calls are counted per account (simulator.calls filters on it): the one an authorizer token acts for.
    if (token.authorizerAppid) call.appid = token.authorizerAppid;
  }
  // Calls made on behalf of an account use that account's quota; the platform's own calls use the platform's (§7).
  if (!definition.isQuotaExempt && !consumeQuota(context, quotaOwner(context, token), api)) return answer(wechatError(45009));
  const input = {
    context,
    body: body.kind === "json" ? body.value : {},
    query: url.searchParams,
    isEmptyBody: body.kind === "json" ? body.isEmpty : body.raw.length === 0,
    raw: body.raw,
    contentType: request.headers["content-type"] ?? "",
    token,
  };
  answer(await definition.handle(input));
};
