import { AppError } from "../../errors";
import { proxyBodyTooLarge, type TProxyBody } from "./read-proxy-body";

// One proxied HTTP call to WeChat (or to the upstream wxopen's proxy). A JSON answer is read whole so its errcode
// can be seen; anything else (an image, a media file) streams through untouched.

export type TWechatAnswer = {
  status: number;
  headers: Headers;
  body: Buffer | ReadableStream<Uint8Array> | null;
  /** The answer's errcode when it is JSON and has one (0 included); null for binary answers. */
  errcode: number | null;
};

/** Time for a whole proxied call, a 10 MB upload or download included. */
export const PROXY_TIMEOUT_MS = 60_000;
/** JSON answers declared larger than this are streamed without a look at their errcode. */
const JSON_READ_LIMIT_BYTES = 4 * 1024 * 1024;

/** WeChat labels its JSON answers application/json or text/plain. */
const isJsonLike = (contentType: string) => /json|text\/plain/i.test(contentType);

const errcodeOf = (bytes: Buffer): number | null => {
  try {
    const parsed: unknown = JSON.parse(bytes.toString("utf8"));
    const errcode = parsed && typeof parsed === "object" ? (parsed as { errcode?: unknown }).errcode : undefined;
    return typeof errcode === "number" ? errcode : null;
  } catch {
    return null;
  }
};

export const callWechatApi = async (
  url: string,
  { method, headers, body }: { method: string; headers: Record<string, string>; body: TProxyBody },
): Promise<TWechatAnswer> => {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body.kind === "buffered" ? new Uint8Array(body.bytes) : body.kind === "streamed" ? body.stream : undefined,
      // A streamed request body needs half duplex (undici); redirects are not followed: the host never changes.
      ...(body.kind === "streamed" ? { duplex: "half" } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(PROXY_TIMEOUT_MS),
    } as RequestInit);
  } catch (error) {
    if (body.kind === "streamed" && body.isTooLarge()) throw proxyBodyTooLarge();
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${PROXY_TIMEOUT_MS / 1000} s` : (error as Error).message;
    throw new AppError("wechat_error", `WeChat could not be reached: ${reason}`);
  }
  const contentType = response.headers.get("content-type") ?? "";
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (!isJsonLike(contentType) || declared > JSON_READ_LIMIT_BYTES)
    return { status: response.status, headers: response.headers, body: response.body, errcode: null };
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body: bytes, errcode: errcodeOf(bytes) };
};
