import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_CALLS, pushCapped, sleep, type TCall, type TSimulatorContext } from "../context";
import { wechatError } from "../errors";
import { takeFaults } from "../faults";
import { readBody, sendJson } from "../http-utils";
import { consumeQuota } from "../quota";
import { checkComponentToken } from "../tokens";
import type { TApiBody, TApiDefinition } from "./api-definition";
import { authorizerToken } from "./authorizer-token";
import { clearQuota } from "./clear-quota";
import { componentToken } from "./component-token";
import { createPreAuthCode } from "./create-preauthcode";
import { getAuthorizerInfo } from "./get-authorizer-info";
import { getAuthorizerList } from "./get-authorizer-list";
import { queryAuth } from "./query-auth";
import { startPushTicket } from "./start-push-ticket";

export const API_PREFIX = "/cgi-bin/component/";

const APIS: Record<string, TApiDefinition> = {
  api_component_token: componentToken,
  api_start_push_ticket: startPushTicket,
  api_create_preauthcode: createPreAuthCode,
  api_query_auth: queryAuth,
  api_authorizer_token: authorizerToken,
  api_get_authorizer_info: getAuthorizerInfo,
  api_get_authorizer_list: getAuthorizerList,
  "clear_quota/v2": clearQuota,
};

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

/** Runs one component API call the way WeChat would: faults, method, JSON, token, quota, then the API itself. */
export const handleApiCall = async (context: TSimulatorContext, request: IncomingMessage, response: ServerResponse, url: URL) => {
  const api = url.pathname.slice(API_PREFIX.length);
  const parsed = parseBody(await readBody(request));
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
  const definition = APIS[api];
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
  if (definition.needsComponentToken) {
    // Older docs name it component_access_token, newer ones access_token: WeChat accepts both.
    const check = checkComponentToken(context, url.searchParams.get("component_access_token") ?? url.searchParams.get("access_token"));
    if (!check.ok) return answer(wechatError(check.errcode));
    token = check.record;
  }
  if (api !== "clear_quota/v2" && !consumeQuota(context, api)) return answer(wechatError(45009));
  answer(definition.handle({ context, body: parsed.value, query: url.searchParams, token }));
};
