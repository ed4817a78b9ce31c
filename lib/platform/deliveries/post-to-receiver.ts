import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isForbiddenAddress } from "../forwarding/check-target-url";

// One POST to a receiver, guarded at the socket: every address the host resolves to is checked when the
// connection is made (a DNS change after the rule was saved cannot reach the metadata service), redirects are not
// followed (a 3xx is a failed attempt), and at most 500 bytes of the answer are kept (a sync rule's reply: 64 KB).

export const RESPONSE_PREVIEW_BYTES = 500;

export type TReceiverAnswer = { status: number | null; latencyMs: number; body: string; error: string | null };

type TLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

const guardedLookup = (hostname: string, options: object, callback: TLookupCallback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, []);
    const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
    if (forbidden)
      return callback(
        Object.assign(new Error(`${hostname} resolves to ${forbidden.address}, a forbidden address`), { code: "EFORBIDDEN" }),
        [],
      );
    const { all } = options as { all?: boolean };
    if (all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

export const postToReceiver = (
  target: string,
  {
    body,
    headers,
    timeoutMs,
    maxAnswerBytes = RESPONSE_PREVIEW_BYTES,
  }: { body: string; headers: Record<string, string>; timeoutMs: number; maxAnswerBytes?: number },
): Promise<TReceiverAnswer> =>
  new Promise((resolve) => {
    const startedAt = performance.now();
    const done = (answer: Omit<TReceiverAnswer, "latencyMs">) =>
      resolve({ ...answer, latencyMs: Math.round(performance.now() - startedAt) });
    const url = new URL(target);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && isForbiddenAddress(host)) return done({ status: null, body: "", error: `${host} is a forbidden address` });
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(body), "user-agent": "wxopen-forwarding/1" },
      lookup: guardedLookup as never,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        if (size < maxAnswerBytes) chunks.push(chunk);
        size += chunk.length;
      });
      response.on("end", () => {
        clearTimeout(timer);
        done({
          status: response.statusCode ?? null,
          body: Buffer.concat(chunks).subarray(0, maxAnswerBytes).toString("utf8"),
          error: null,
        });
      });
      response.on("error", (error) => {
        clearTimeout(timer);
        done({ status: response.statusCode ?? null, body: "", error: error.message });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({
        status: null,
        body: "",
        error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message,
      });
    });
    request.end(body);
  });
