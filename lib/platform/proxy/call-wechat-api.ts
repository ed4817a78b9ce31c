import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import { Readable } from "node:stream";
import { AppError } from "../../errors";
import { proxyBodyTooLarge, type TProxyBody } from "./read-proxy-body";

// One proxied HTTP call to WeChat (or to the upstream wxopen's proxy), on node:http with kept-alive connections (a
// third of fetch's cost per call, which is most of what the proxy adds). A JSON answer is read whole so its errcode
// can be seen; anything else (an image, a media file) streams through untouched.

export type TWechatAnswer = {
  status: number;
  /** Only the answer headers the proxy passes on. */
  headers: Headers;
  body: Buffer | ReadableStream<Uint8Array> | null;
  /** The answer's errcode when it is JSON and has one (0 included); null for binary answers. */
  errcode: number | null;
};

/** Time for a whole proxied call, a 10 MB upload or download included. */
export const PROXY_TIMEOUT_MS = 60_000;
/** JSON answers declared larger than this are streamed without a look at their errcode. */
const JSON_READ_LIMIT_BYTES = 4 * 1024 * 1024;
/** Only these of WeChat's answer headers reach the caller (no cookies, no hop-by-hop headers, no stale lengths). */
const PASSED_HEADERS = ["content-type", "content-disposition", "x-wxopen-retry"];

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };

/** WeChat labels its JSON answers application/json or text/plain. */
const isJsonLike = (contentType: string) => /json|text\/plain/i.test(contentType);

const ERRCODE = /"errcode"\s*:\s*(-?\d+)/;
/** The errcode of a JSON answer, read without parsing the whole of it. */
const errcodeOf = (bytes: Buffer): number | null => {
  const match = ERRCODE.exec(bytes.subarray(0, 4096).toString("utf8"));
  return match ? Number(match[1]) : null;
};

/** A kept-alive connection the server closed just as it was reused: the request never reached it (Node's own advice). */
class ReusedSocketClosed extends Error {}

const send = (url: URL, method: string, headers: Record<string, string>, body: TProxyBody) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const isHttps = url.protocol === "https:";
    const outgoing = (isHttps ? httpsRequest : httpRequest)(
      url,
      { method, headers, agent: isHttps ? agents.https : agents.http, timeout: PROXY_TIMEOUT_MS },
      resolve,
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      reject(outgoing.reusedSocket && error.code === "ECONNRESET" ? new ReusedSocketClosed(error.message, { cause: error }) : error),
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${PROXY_TIMEOUT_MS / 1000} s`)));
    if (body.kind === "buffered") outgoing.end(body.bytes);
    else if (body.kind === "none") outgoing.end();
    else {
      const source = Readable.fromWeb(body.stream as import("node:stream/web").ReadableStream<Uint8Array>);
      source.on("error", (error) => outgoing.destroy(error));
      source.pipe(outgoing);
    }
  });

const readAll = async (answer: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const callWechatApi = async (
  target: string,
  {
    method,
    headers,
    body,
    isJsonReadWhole = false,
  }: {
    method: string;
    headers: Record<string, string>;
    body: TProxyBody;
    /** Read a JSON answer whole whatever its size (the component APIs, whose answers must be cleared of refresh tokens). */
    isJsonReadWhole?: boolean;
  },
): Promise<TWechatAnswer> => {
  let answer: IncomingMessage;
  try {
    answer = await send(new URL(target), method, headers, body).catch((error: unknown) => {
      // Sent again once on a fresh connection, when the body can be: the server closed an idle connection as it was
      // reused, before reading the request (a request it did read would meet WeChat's own state checks, 85009 …).
      if (error instanceof ReusedSocketClosed && body.kind !== "streamed") return send(new URL(target), method, headers, body);
      throw error;
    });
  } catch (error) {
    if (body.kind === "streamed" && body.isTooLarge()) throw proxyBodyTooLarge();
    throw new AppError("wechat_error", `WeChat could not be reached: ${(error as Error).message}`);
  }
  const passed = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = answer.headers[name];
    if (typeof value === "string") passed.set(name, value);
  }
  const status = answer.statusCode ?? 502;
  const contentType = passed.get("content-type") ?? "";
  const declared = Number(answer.headers["content-length"] ?? "0");
  if (!isJsonLike(contentType) || (declared > JSON_READ_LIMIT_BYTES && !isJsonReadWhole))
    return { status, headers: passed, body: Readable.toWeb(answer) as ReadableStream<Uint8Array>, errcode: null };
  const bytes = await readAll(answer);
  return { status, headers: passed, body: bytes, errcode: errcodeOf(bytes) };
};
