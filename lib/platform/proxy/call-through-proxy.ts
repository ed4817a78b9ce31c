import { AppError } from "../../errors";
import { proxyWechatCall, type TProxyAnswer, type TProxyTarget } from "./proxy-wechat-call";

// wxopen's own WeChat calls for an account or the platform (quota reads, code management …) go through the proxy:
// the right token, a rejected one replaced once, refresh tokens stripped, the call counted in the proxy's metrics and
// sent upstream in upstream mode. These helpers make one such call as an internal caller and read its answer.

export type TProxiedCall = {
  target: TProxyTarget;
  /** The WeChat path without a leading slash: "wxa/commit", "cgi-bin/clear_quota". */
  path: string;
  method?: "GET" | "POST";
  query?: Record<string, string>;
  /** A JSON body (POST only); WeChat wants `{}` rather than nothing on some APIs (§11.0). */
  body?: unknown;
  actor: string;
  /** Errcodes that are an answer here, not a failure (not logged as proxy.failed); they still throw. */
  expectedErrcodes?: readonly number[];
};

const send = ({ target, path, method = "POST", query, body, actor, expectedErrcodes }: TProxiedCall): Promise<TProxyAnswer> => {
  const search = new URLSearchParams(query).toString();
  const bytes = method === "POST" ? Buffer.from(JSON.stringify(body ?? {})) : null;
  const request = {
    method,
    url: `/${path}${search ? `?${search}` : ""}`,
    contentType: bytes ? "application/json" : null,
    contentLength: bytes ? String(bytes.byteLength) : null,
    body: bytes ? new Blob([bytes]).stream() : null,
  };
  return proxyWechatCall({ target, request, rawPath: path, actor, expectedErrcodes });
};

/** A JSON answer's object, or null when it is not one (a stream is no JSON answer: those are read whole). */
const parseAnswer = (body: TProxyAnswer["body"]): Record<string, unknown> | null => {
  if (!Buffer.isBuffer(body)) return null;
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** WeChat refused: an AppError carrying its errcode and errmsg (callers explain the codes they know). */
export const wechatRefusal = (path: string, errcode: number, errmsg: string) =>
  new AppError("wechat_error", `WeChat answered errcode ${errcode} (${errmsg}) to ${path}`, { errcode, errmsg });

/** One JSON call; a WeChat errcode other than 0 throws wechatRefusal. */
export const callJsonThroughProxy = async (call: TProxiedCall): Promise<Record<string, unknown>> => {
  const response = await send(call);
  const answer = parseAnswer(response.body);
  if (response.status !== 200 || !answer) throw new AppError("wechat_error", `WeChat answered HTTP ${response.status} to ${call.path}`);
  const errcode = typeof answer.errcode === "number" ? answer.errcode : 0;
  if (errcode !== 0) throw wechatRefusal(call.path, errcode, String(answer.errmsg ?? ""));
  return answer;
};

/** One call whose success is bytes (an image); WeChat answers its errors as JSON, told apart by Content-Type (§11.0). */
export const callBinaryThroughProxy = async (call: TProxiedCall): Promise<{ bytes: Buffer; contentType: string }> => {
  const response = await send(call);
  const contentType = response.headers.get("content-type") ?? "";
  const bytes = Buffer.isBuffer(response.body)
    ? response.body
    : response.body
      ? Buffer.from(await new Response(response.body).arrayBuffer())
      : Buffer.alloc(0);
  if (/json|text\/plain/i.test(contentType) || response.status !== 200) {
    const answer = parseAnswer(bytes);
    const errcode = typeof answer?.errcode === "number" ? answer.errcode : null;
    if (errcode !== null && errcode !== 0) throw wechatRefusal(call.path, errcode, String(answer?.errmsg ?? ""));
    throw new AppError(
      "wechat_error",
      `WeChat answered HTTP ${response.status} (${contentType || "no type"}) to ${call.path}, not an image`,
    );
  }
  return { bytes, contentType };
};
