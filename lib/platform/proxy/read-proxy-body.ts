import { AppError } from "../../errors";
import { PROXY_MAX_BODY_BYTES, PROXY_REPLAYABLE_BYTES } from "./proxy-vocabulary";

// A proxied request's body: kept in memory when it is small enough to send again (a retry after a rejected token),
// streamed through otherwise. Either way no more than PROXY_MAX_BODY_BYTES go to WeChat.

export type TProxyBody =
  | { kind: "none" }
  | { kind: "buffered"; bytes: Buffer }
  /** Larger than PROXY_REPLAYABLE_BYTES: sent once, as it arrives. `isTooLarge()` says whether the limit stopped it. */
  | { kind: "streamed"; stream: ReadableStream<Uint8Array>; isTooLarge: () => boolean };

const tooLarge = () =>
  new AppError(
    "payload_too_large",
    `The body is larger than ${PROXY_MAX_BODY_BYTES / 1024 / 1024} MB, the most WeChat accepts (media uploads included).`,
  );

/** A proxied request as the proxy reads it, whatever server received it. */
export type TProxyRequest = {
  method: string;
  /** The path and query as the client sent them (still percent-encoded). */
  url: string;
  contentType: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

export const readProxyBody = async (request: TProxyRequest): Promise<TProxyBody> => {
  const declared = Number(request.contentLength ?? "0");
  if (declared > PROXY_MAX_BODY_BYTES) throw tooLarge();
  if (!request.body || request.method === "GET" || request.method === "HEAD") return { kind: "none" };
  const reader = request.body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size === 0 ? { kind: "none" } : { kind: "buffered", bytes: Buffer.concat(head) };
    head.push(value);
    size += value.byteLength;
    if (size > PROXY_REPLAYABLE_BYTES) break;
  }
  // Too large to keep: what was read goes first, then the rest as it comes, cut off past the limit.
  let isOver = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size > PROXY_MAX_BODY_BYTES) {
        isOver = true;
        await reader.cancel();
        return controller.error(tooLarge());
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { kind: "streamed", stream, isTooLarge: () => isOver };
};

export { tooLarge as proxyBodyTooLarge };
