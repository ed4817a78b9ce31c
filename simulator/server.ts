import type { IncomingMessage, ServerResponse } from "node:http";
import { handleApiCall, isApiPath } from "./api/router";
import { sleep, type TSimulatorContext } from "./context";
import { CONTROL_PREFIX, handleControl } from "./control/control-routes";
import { redirect, sendJson } from "./http-utils";
import { handleAuthorizationConfirm } from "./pages/authorization-confirm";
import { CONFIRM_PATH, handleAuthorizationPage } from "./pages/authorization-page";
import type { TSimulator } from "./simulator-types";

const PC_PAGE_PATH = "/cgi-bin/componentloginpage";
// The current mobile link lives on open.weixin.qq.com; the v1 one on mp.weixin.qq.com. Both hosts are this server.
const MOBILE_PAGE_PATHS = ["/wxaopen/safe/bindcomponent", "/safe/bindcomponent"];

const routeWechat = async (context: TSimulatorContext, request: IncomingMessage, response: ServerResponse, url: URL) => {
  const path = url.pathname;
  if (isApiPath(path)) return handleApiCall(context, request, response, url);
  if (path === PC_PAGE_PATH && request.method === "GET") return handleAuthorizationPage(context, request, response, url, "pc");
  if (MOBILE_PAGE_PATHS.includes(path) && request.method === "GET")
    return handleAuthorizationPage(context, request, response, url, "mobile");
  if (path === CONFIRM_PATH && request.method === "POST") return handleAuthorizationConfirm(context, request, response);
  response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
};

/** One listener for everything: WeChat's APIs and pages, plus the /__sim/ control surface. */
export const createRequestListener =
  (context: TSimulatorContext, simulator: TSimulator, onError: (error: unknown) => void) =>
  async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const url = new URL(request.url ?? "/", context.url);
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return await handleControl(context, simulator, request, response, url);
      }
      if (url.pathname === "/") return redirect(response, 302, `${CONTROL_PREFIX}/`);
      await sleep(context.config.latencyMs, context.shutdown.signal);
      await routeWechat(context, request, response, url);
    } catch (error) {
      onError(error);
      if (!response.headersSent) sendJson(response, 500, { error: "simulator internal error" });
      else response.end();
    }
  };
