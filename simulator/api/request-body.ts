import type { IncomingMessage } from "node:http";
import { MAX_BODY_BYTES, readBodyBytes } from "../http-utils";
import type { TApiBody, TApiDefinition } from "./api-definition";

/** Uploads go up to 10 MB (image, video); the margin leaves room for the multipart framing around the file. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/** A call's body, read the way its API wants it: JSON APIs get an object, multipart APIs the bytes. */
export type TApiRequestBody =
  | { kind: "json"; value: TApiBody; raw: Buffer; isEmpty: boolean }
  | { kind: "invalid-json"; text: string }
  | { kind: "multipart"; raw: Buffer }
  | { kind: "too-large"; size: number };

/** An empty body reads as {} (then fields are "missing"); anything but a JSON object is invalid (47001). */
const parseJson = (raw: Buffer): TApiRequestBody => {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { kind: "json", value: {}, raw, isEmpty: true };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return { kind: "json", value: value as TApiBody, raw, isEmpty: false };
  } catch {
    // falls through to the data format error
  }
  return { kind: "invalid-json", text };
};

export const readApiBody = async (request: IncomingMessage, format: TApiDefinition["bodyFormat"] = "json"): Promise<TApiRequestBody> => {
  // JSON bodies keep the small limit: the call log holds them, and no JSON API takes megabytes.
  const { bytes, size, isTooLarge } = await readBodyBytes(request, format === "multipart" ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
  if (isTooLarge) return { kind: "too-large", size };
  return format === "multipart" ? { kind: "multipart", raw: bytes } : parseJson(bytes);
};

/** What the call log keeps: JSON as parsed, invalid JSON as text, and only the size of binary or oversized bodies. */
export const loggedBody = (body: TApiRequestBody): unknown => {
  switch (body.kind) {
    case "json":
      return body.value;
    case "invalid-json":
      return body.text;
    case "multipart":
      return { multipart: true, bytes: body.raw.length };
    case "too-large":
      return { bytes: body.size, isTooLarge: true };
  }
};
