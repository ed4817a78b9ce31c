import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1_000_000;

export type TBodyBytes = { bytes: Buffer; size: number; isTooLarge: boolean };

/** Reads the body as bytes. Past the limit it keeps draining (dropping what it reads) so the client still gets our answer. */
export const readBodyBytes = async (request: IncomingMessage, limitBytes: number): Promise<TBodyBytes> => {
  let chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) chunks = [];
    else chunks.push(chunk as Buffer);
  }
  return { bytes: Buffer.concat(chunks), size, isTooLarge: size > limitBytes };
};

export const readBody = async (request: IncomingMessage): Promise<string> => {
  const { bytes, isTooLarge } = await readBodyBytes(request, MAX_BODY_BYTES);
  if (isTooLarge) throw new Error("request body too large");
  return bytes.toString("utf8");
};

export const sendJson = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(value));
};

/** Bytes as they are (a media file, a PNG), with the type they were given. */
export const sendBinary = (response: ServerResponse, bytes: Buffer, contentType: string, headers: Record<string, string> = {}) => {
  response.writeHead(200, { ...headers, "content-type": contentType, "content-length": String(bytes.length), "cache-control": "no-cache" });
  response.end(bytes);
};

export const sendHtml = (response: ServerResponse, status: number, html: string) => {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(html);
};

export const sendSvg = (response: ServerResponse, svg: string) => {
  response.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" });
  response.end(svg);
};

export const redirect = (response: ServerResponse, status: 302 | 303, location: string) => {
  response.writeHead(status, { location, "cache-control": "no-store" });
  response.end();
};

export const isFormRequest = (request: IncomingMessage) =>
  (request.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded");
