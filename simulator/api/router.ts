import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_CALLS, pushCapped, sleep, type TCall, type TSimulatorContext } from "../context";
import { wechatError } from "../errors";
import { takeFaults } from "../faults";
import { readBody, sendJson } from "../http-utils";
import { consumeQuota } from "../quota";
import { checkToken } from "../tokens";
import type { TApiBody, TApiDefinition } from "./api-definition";
import { authorizerToken } from "./authorizer-token";
import { clearQuota } from "./clear-quota";
import { componentToken } from "./component-token";
import { createPreAuthCode } from "./create-preauthcode";
import { customSend } from "./custom-send";
import { getAuthorizerInfo } from "./get-authorizer-info";
import { getAuthorizerList } from "./get-authorizer-list";
import { queryAuth } from "./query-auth";
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
};

/** The account APIs a platform calls with an authorizer_access_token, named by their path after /cgi-bin/. */
const ACCOUNT_APIS: Record<string, TApiDefinition> = {
  "message/custom/send": customSend,
};

/** The API name calls are logged and faults matched under: "api_query_auth", "message/custom/send" ... */
const apiOf = (path: string) => {
  if (path.startsWith(API_PREFIX)) {
    const api = path.slice(API_PREFIX.length);
    return { api, definition: Object.hasOwn(COMPONENT_APIS, api) ? COMPONENT_APIS[api] : undefined };
  }
  const api = path.slice(CGI_PREFIX.length);
  return { api, definition: Object.hasOwn(ACCOUNT_APIS, api) ? ACCOUNT_APIS[api] : undefined };
};

/** Every component path is logged (unknown ones answer 404); outside it, only the account APIs we simulate. */
export const isApiPath = (path: string) => path.startsWith(API_PREFIX) || apiOf(path).definition !== undefined;

type TParsedBody = { isValid: true; value: TApiBody } | { isValid: false; raw: string };

/** An empty body reads as {} (then fields are "missing"); anything but a JSON object is 47001. */
const parseBody = (raw: string): TParsedBody => {
  if (raw.trim() === "") return { isValid: true, value: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) return { isValid: true, value: value as TApiBody };
  } catch {
    // falls through to the data format error
  }
  return { isValid: false, raw };
};

const BAD_GATEWAY_PAGE = (status: number) =>
  `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>stgw</center></body></html>`;

/** Runs one API call the way WeChat would: faults, method, JSON, token, quota, then the API itself. */
export const handleApiCall = async (context: TSimulatorContext, request: IncomingMessage, response: ServerResponse, url: URL) => {
  const { api, definition } = apiOf(url.pathname);
  const raw = await readBody(request);
  const parsed = parseBody(raw);
  const call: TCall = {
    at: new Date(context.clock.nowMs()).toISOString(),
    path: url.pathname,
    api,
    method: request.method ?? "",
    query: Object.fromEntries(url.searchParams),
    body: parsed.isValid ? parsed.value : parsed.raw,
    errcode: null,
    status: 0,
  };
  pushCapped(context.state.calls, call, MAX_CALLS);
  if (!definition) {
    call.status = 404;
    response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    return;
  }
  const { latencyMs, fault } = takeFaults(context, api, parsed.isValid ? parsed.value : undefined);
  await sleep(latencyMs, context.shutdown.signal);
  const answer = (body: Record<string, unknown>) => {
    call.status = 200;
    call.errcode = typeof body.errcode === "number" ? body.errcode : 0;
    sendJson(response, 200, body);
  };
  if (fault?.mode === "drop") {
    request.socket.destroy();
    return;
  }
  if (fault?.mode === "http") {
    call.status = fault.status ?? 502;
    response.writeHead(call.status, { "content-type": "text/html" }).end(BAD_GATEWAY_PAGE(call.status));
    return;
  }
  if (fault?.mode === "errcode") return answer(wechatError(fault.errcode ?? -1, fault.errmsg));
  if (request.method !== "POST") return answer(wechatError(43002));
  if (!parsed.isValid) return answer(wechatError(47001));
  let token;
  if (definition.tokenKind) {
    // Older docs name the component token component_access_token, newer ones access_token: WeChat accepts both.
    const given = definition.tokenKind === "component" ? url.searchParams.get("component_access_token") : null;
    const check = checkToken(context, given ?? url.searchParams.get("access_token"), definition.tokenKind);
    if (!check.ok) return answer(wechatError(check.errcode));
    token = check.record;
  }
  if (api !== "clear_quota/v2" && !consumeQuota(context, api)) return answer(wechatError(45009));
  answer(definition.handle({ context, body: parsed.value, query: url.searchParams, isEmptyBody: raw.trim() === "", token }));
};
