import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { rawPathAfter } from "@/lib/platform/proxy/parse-proxy-path";
import { proxyWechatCall, type TProxyAnswer, type TProxyTarget } from "@/lib/platform/proxy/proxy-wechat-call";
import type { TProxyRequest } from "@/lib/platform/proxy/read-proxy-body";
import { keyActor } from "../../plugins/api-key-auth";
import { errors, KEY_ERRORS, ZAppidParams } from "../../schemas/common";
import { bothScopes, enabledPlatformOfParams } from "../platform-scope";
import type { TApiRoutes } from "../../plugins/request-checks";

// The WeChat API proxy: any method, the WeChat path after /wechat/, WeChat's answer back untouched (but for refresh
// tokens). The body is not parsed here: it streams to WeChat as it came (read-proxy-body.ts keeps what it may resend).

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

const PROXY_DESCRIPTION =
  "Any WeChat API path under the documented families (cgi-bin/, wxa/, sns/ …) with the query and body WeChat expects; " +
  "wxopen adds the token and answers WeChat's answer as it is. A rejected token is refreshed once and the call sent " +
  'again (X-Wxopen-Retry says so). See the README\'s "API proxy" section.';

const toProxyRequest = (request: FastifyRequest): TProxyRequest => ({
  method: request.method,
  url: request.url,
  contentType: request.headers["content-type"] ?? null,
  contentLength: request.headers["content-length"] ?? null,
  body: request.method === "GET" || request.method === "HEAD" ? null : (Readable.toWeb(request.raw) as ReadableStream<Uint8Array>),
});

const send = (reply: FastifyReply, answer: TProxyAnswer) =>
  reply
    .code(answer.status)
    .headers(Object.fromEntries(answer.headers))
    .send(answer.body ?? "");

const proxy = (request: FastifyRequest, reply: FastifyReply, target: TProxyTarget, marker: string) =>
  proxyWechatCall({
    target,
    request: toProxyRequest(request),
    rawPath: rawPathAfter(request.url, marker),
    actor: keyActor(request.apiKey),
  }).then((answer) => send(reply, answer));

export const proxyRoutes: TApiRoutes = async (app) => {
  // Bodies stay unread until the proxy streams them (a catch-all parser that does not consume the payload).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null));

  for (const scope of bothScopes("/api/v1/authorizers/:appid/wechat/*", ZAppidParams.shape)) {
    // ANY /api/v1/authorizers/:appid/wechat/<WeChat path> - the WeChat API for this account, with its token added
    app.route({
      method: METHODS,
      url: scope.path,
      config: { role: "operator" },
      schema: {
        tags: ["proxy"],
        summary: "Call WeChat as this account",
        description: PROXY_DESCRIPTION,
        params: scope.params.loose(),
        response: errors(...KEY_ERRORS, 404, 409, 413, 502),
      },
      handler: async (request, reply) =>
        proxy(
          request,
          reply,
          { kind: "authorizer", appid: request.params.appid, platform: await enabledPlatformOfParams(request.params) },
          "/wechat/",
        ),
    });
  }

  for (const scope of bothScopes("/api/v1/component/wechat/*", {})) {
    // ANY /api/v1/component/wechat/<WeChat path> - component_access_token under cgi-bin/component/, access_token elsewhere
    app.route({
      method: METHODS,
      url: scope.path,
      config: { role: "admin" },
      schema: {
        tags: ["proxy"],
        summary: "Call WeChat as the platform",
        description: PROXY_DESCRIPTION,
        params: scope.params.loose(),
        response: errors(...KEY_ERRORS, 404, 409, 413, 502, 503),
      },
      handler: async (request, reply) =>
        proxy(request, reply, { kind: "component", platform: await enabledPlatformOfParams(request.params) }, "/component/wechat/"),
    });
  }
};
