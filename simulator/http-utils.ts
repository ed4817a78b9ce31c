import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 1_000_000;

export const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
};

export const sendJson = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(value));
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
