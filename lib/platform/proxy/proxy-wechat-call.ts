import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { invalidateAuthorizerToken } from "../authorizers/invalidate-authorizer-token";
import { endAuthorizationSeenInAnswer } from "../authorizers/refresh-authorizer-token";
import { servedTokenCache } from "../authorizers/served-token-cache";
import { serveAuthorizerAccessToken } from "../authorizers/serve-authorizer-access-token";
import { replaceRejectedComponentToken } from "../component/call-with-component-token";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { getTokenSource } from "../upstream/get-token-source";
import { callWechatApi, type TWechatAnswer } from "./call-wechat-api";
import { parseProxyPath } from "./parse-proxy-path";
import { AUTHORIZATION_ENDED_ERRCODES, PROXY_RETRY_HEADER, TOKEN_REJECTED_ERRCODES } from "./proxy-vocabulary";
import { readProxyBody, type TProxyRequest } from "./read-proxy-body";
import { recordProxyCall } from "./record-proxy-call";
import { withoutRefreshTokens } from "./refresh-token-free";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";
import { upstreamAuthorizerPath } from "../upstream/upstream-client";

// The WeChat API proxy: a caller names the account (or the component) and the WeChat path; wxopen adds the right
// token, sends the request as it came (method, query, body, Content-Type), and answers WeChat's answer untouched but for
// refresh tokens, which never leave wxopen (refresh-token-free.ts).
// A rejected token (40001/40014/42001) is expired compare-and-set, refreshed once for all concurrent callers, and
// the request is sent once more; the caller sees only that second answer.

/** The account or the component, of a platform (the default one when none is named). */
export type TProxyTarget = ({ kind: "authorizer"; appid: string } | { kind: "component" }) & { platform?: TPlatform };

const platformOf = (target: TProxyTarget) => target.platform ?? defaultPlatform();
const authorizerOf = (target: TProxyTarget & { kind: "authorizer" }) => ({
  platformKey: platformKeyOf(platformOf(target)),
  appid: target.appid,
});

export type ProxyWechatCallOptions = {
  target: TProxyTarget;
  request: TProxyRequest;
  /** The path after `/wechat/`, as the client sent it (still percent-encoded). */
  rawPath: string;
  actor: string;
  /** Errcodes the caller expects: counted in the metrics, not logged as failures (record-proxy-call.ts). */
  expectedErrcodes?: readonly number[];
};

/** Component APIs under cgi-bin/component/ take component_access_token; every other path takes access_token. */
const tokenParameter = (target: TProxyTarget, path: string) =>
  target.kind === "component" && path.startsWith("cgi-bin/component/") ? "component_access_token" : "access_token";

/** The caller's query without any token of its own. */
const callerQuery = (request: TProxyRequest) => {
  const at = request.url.indexOf("?");
  const query = new URLSearchParams(at === -1 ? "" : request.url.slice(at + 1));
  query.delete("access_token");
  query.delete("component_access_token");
  return query;
};

const currentToken = async (target: TProxyTarget) =>
  target.kind === "authorizer"
    ? (await serveAuthorizerAccessToken(authorizerOf(target))).accessToken
    : (await getComponentAccessToken({ platform: platformOf(target) })).accessToken;

/**
 * WeChat rejected `used`: a token to try again with. An authorizer's is expired only if it is still the stored one
 * (compare-and-expire) and refreshed under the refresh's single flight and lease; the component's is refreshed only
 * if nobody has replaced it yet.
 */
const replaceRejectedToken = async (target: TProxyTarget, used: string, actor: string) => {
  if (target.kind === "authorizer") {
    const current = await invalidateAuthorizerToken({ ...authorizerOf(target), accessToken: used, actor });
    servedTokenCache.set({
      platformKey: current.platformKey,
      appid: current.appid,
      accessToken: current.accessToken,
      expiresAt: current.expiresAt,
    });
    return current.accessToken;
  }
  return replaceRejectedComponentToken(used, platformOf(target));
};

/** WeChat's answer as the caller gets it: status, the passed headers, and the body (bytes, a stream, or none). */
export type TProxyAnswer = { status: number; headers: Headers; body: Buffer | ReadableStream<Uint8Array> | null };

const toAnswer = (answer: TWechatAnswer, retry: string | null): TProxyAnswer => {
  const headers = new Headers(answer.headers);
  headers.delete(PROXY_RETRY_HEADER);
  // Header values are Latin-1 without line breaks: anything else in a message becomes "?".
  if (retry) headers.set(PROXY_RETRY_HEADER, retry.replace(/[^\x20-\x7e]/g, "?").slice(0, 300));
  const body = Buffer.isBuffer(answer.body) ? withoutRefreshTokens(answer.body) : answer.body;
  return { status: answer.status, headers, body };
};

/** Upstream mode: the upstream wxopen's own proxy makes the call; this instance never holds a token. */
const forwardToUpstream = async (target: TProxyTarget, path: string, request: TProxyRequest) => {
  const { TOKEN_UPSTREAM_URL: base, TOKEN_UPSTREAM_API_KEY: key } = getEnv();
  const platform = platformOf(target);
  const componentRoute = platform.isDefault ? "/api/v1/component" : `/api/v1/platforms/${platform.componentAppid}/component`;
  const route = target.kind === "component" ? `${componentRoute}/wechat/` : `${upstreamAuthorizerPath(authorizerOf(target))}/wechat/`;
  const query = callerQuery(request).toString();
  const contentType = request.contentType;
  const answer = await callWechatApi(`${base}${route}${path}${query ? `?${query}` : ""}`, {
    method: request.method,
    headers: { authorization: `Bearer ${key}`, ...(contentType ? { "content-type": contentType } : {}) },
    body: await readProxyBody(request),
  });
  return toAnswer(answer, answer.headers.get(PROXY_RETRY_HEADER));
};

export const proxyWechatCall = async ({
  target,
  request,
  rawPath,
  actor,
  expectedErrcodes,
}: ProxyWechatCallOptions): Promise<TProxyAnswer> => {
  const path = parseProxyPath(rawPath);
  if (getTokenSource().mode === "upstream") return forwardToUpstream(target, path, request);
  const startedAt = performance.now();
  // The token first: an unknown or unauthorized account answers 404/409 before any body is read or WeChat called.
  const token = await currentToken(target);
  const body = await readProxyBody(request);
  const contentType = request.contentType;
  const query = callerQuery(request);
  const send = (accessToken: string) => {
    const search = new URLSearchParams(query);
    search.set(tokenParameter(target, path), accessToken);
    return callWechatApi(`${getEnv().WECHAT_API_BASE}/${path}?${search}`, {
      method: request.method,
      headers: contentType ? { "content-type": contentType } : {},
      body,
      isJsonReadWhole: path.startsWith("cgi-bin/component/"),
    });
  };
  let answer = await send(token);
  let retry: string | null = null;
  const errcode = answer.errcode;
  if (errcode !== null && (TOKEN_REJECTED_ERRCODES as readonly number[]).includes(errcode)) {
    const fresh = await replaceRejectedToken(target, token, actor).catch((error: unknown) => {
      retry = `not-retried: the token could not be refreshed (${error instanceof AppError ? error.message : "see the event log"})`;
      return null;
    });
    if (fresh && body.kind === "streamed") retry = "not-retried: the body was over 1 MB and streamed, so it could not be sent again";
    else if (fresh) {
      answer = await send(fresh);
      retry = "token-refreshed";
    }
  } else if (errcode !== null && target.kind === "authorizer" && (AUTHORIZATION_ENDED_ERRCODES as readonly number[]).includes(errcode)) {
    await endAuthorizationSeenInAnswer({ ...authorizerOf(target), accessToken: token, errcode, actor });
  }
  await recordProxyCall({
    target,
    path,
    status: answer.status,
    errcode: answer.errcode,
    retry,
    seconds: (performance.now() - startedAt) / 1000,
    actor,
    expectedErrcodes,
  });
  return toAnswer(answer, retry);
};
