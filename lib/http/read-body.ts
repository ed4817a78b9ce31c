import { AppError } from "../errors";

/** Reads a request body as UTF-8 text, refusing more than `limitBytes` (413) before reading it all. */
export const readBodyText = async (request: Request, limitBytes: number): Promise<string> => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("payload_too_large", `Body is larger than ${limitBytes} bytes`);
  if (declared > limitBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
};
