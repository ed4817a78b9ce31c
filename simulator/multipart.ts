/** A multipart/form-data reader over Buffers: uploads are binary, so the body is never decoded as text, only the part headers are. */

export type TMultipartPart = {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
};

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");
const DASH = 0x2d;

/** The boundary of a multipart/form-data Content-Type, quoted or not; undefined for any other type. */
export const boundaryOf = (contentType: string): string | undefined => {
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
};

/** A Content-Disposition parameter: `name="media"`, `filename="a.jpg"` (after a `;`, so "name" never matches "filename"). */
const dispositionParameter = (disposition: string, key: string): string | undefined => {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i").exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
};

const partOf = (headerText: string, data: Buffer): TMultipartPart => {
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  return {
    name: dispositionParameter(disposition, "name") ?? "",
    filename: dispositionParameter(disposition, "filename"),
    contentType: headers.get("content-type"),
    data,
  };
};

/**
 * The parts of a multipart/form-data body (RFC 7578), their data as views into `body`; undefined when the
 * Content-Type is not multipart or the body is not well formed (no closing delimiter, a part cut short).
 */
export const parseMultipart = (body: Buffer, contentType: string): TMultipartPart[] | undefined => {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  // Every delimiter after the first starts on a new line; so does the first when a preamble precedes it.
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const startsWithDelimiter = body.subarray(0, delimiter.length).equals(delimiter);
  const preambleEnd = startsWithDelimiter ? 0 : body.indexOf(nextDelimiter);
  if (preambleEnd === -1) return undefined;
  let position = startsWithDelimiter ? 0 : preambleEnd + CRLF.length;
  const parts: TMultipartPart[] = [];
  for (;;) {
    let cursor = position + delimiter.length;
    if (body[cursor] === DASH && body[cursor + 1] === DASH) return parts;
    // Transport padding (spaces, tabs) may follow a delimiter before its line ends.
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor += 1;
    if (!body.subarray(cursor, cursor + CRLF.length).equals(CRLF)) return undefined;
    cursor += CRLF.length;
    let headerText = "";
    let dataStart = cursor + CRLF.length;
    if (!body.subarray(cursor, cursor + CRLF.length).equals(CRLF)) {
      const headersEnd = body.indexOf(HEADERS_END, cursor);
      if (headersEnd === -1) return undefined;
      headerText = body.toString("utf8", cursor, headersEnd);
      dataStart = headersEnd + HEADERS_END.length;
    }
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (dataEnd === -1) return undefined;
    parts.push(partOf(headerText, body.subarray(dataStart, dataEnd)));
    position = dataEnd + CRLF.length;
  }
};
