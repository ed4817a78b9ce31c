import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A stand-in for an internal service that receives wxopen's deliveries (beside the WeChat stand-in): checks each
// signature, records what came, and answers as told (200, a 5xx, a passive reply, or never); it can be stopped and
// started again on its port. The demo runs one; the forwarding tests drive it. It verifies as the README tells a
// real service to, with the standardwebhooks library and nothing of wxopen's own code.

/** The README's check: a secret ending in `=` is a Standard Webhooks one; an older one is used raw. */
export const verifiesWith = (secret: string, body: string, headers: Record<string, string>) => {
  const webhook = secret.endsWith("=") ? new Webhook(secret) : new Webhook(secret, { format: "raw" });
  try {
    webhook.verify(body, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
};

export type TReceived = {
  /** webhook-id: the delivery's id, the same on every attempt (what a receiver processes once). */
  deliveryId: string;
  /** X-Wxopen-Event. */
  type: string;
  contentType: string;
  body: string;
  /** The request's headers (lower-case names): webhook-id, webhook-timestamp, webhook-signature, x-wxopen-signature … */
  headers: Record<string, string>;
  /** Whether one of `secrets` verifies webhook-signature over this id, timestamp and body (standardwebhooks). */
  signatureOk: boolean;
  at: number;
  /** Deliveries of the same id being handled at the moment this one arrived (0 unless sent twice at once). */
  concurrentSameId: number;
  /** The status this receiver answered (null: it never answered). */
  answeredStatus: number | null;
};

export type TReceiverMode = { kind: "ok" } | { kind: "fail"; status: number } | { kind: "hang" } | { kind: "reply"; xml: string };

export type TReceiver = {
  url: string;
  port: number;
  received: TReceived[];
  /** The signing secrets of the rules that point here. */
  secrets: string[];
  mode: TReceiverMode;
  /** Answers after this many ms (a slow receiver). */
  delayMs: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
};

export const startReceiver = async ({
  port = 0,
  onReceive,
}: { port?: number; onReceive?: (item: TReceived) => void } = {}): Promise<TReceiver> => {
  const inFlight = new Map<string, number>();
  let server: http.Server | null = null;
  const receiver: TReceiver = {
    url: "",
    port,
    received: [],
    secrets: [],
    mode: { kind: "ok" },
    delayMs: 0,
    stop: async () => {
      if (!server) return;
      const closing = server;
      server = null;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
    start: async () => {
      server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", async () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value ?? "")]));
          const deliveryId = headers["webhook-id"] ?? "";
          const concurrentSameId = inFlight.get(deliveryId) ?? 0;
          inFlight.set(deliveryId, concurrentSameId + 1);
          const record: TReceived = {
            deliveryId,
            type: headers["x-wxopen-event"] ?? "",
            contentType: headers["content-type"] ?? "",
            body,
            headers,
            signatureOk: receiver.secrets.some((secret) => verifiesWith(secret, body, headers)),
            at: Date.now(),
            concurrentSameId,
            answeredStatus: null,
          };
          receiver.received.push(record);
          if (receiver.received.length > 100_000) receiver.received.splice(0, 50_000);
          onReceive?.(record);
          if (receiver.delayMs) await new Promise((resolve) => setTimeout(resolve, receiver.delayMs));
          inFlight.set(deliveryId, (inFlight.get(deliveryId) ?? 1) - 1);
          const mode = receiver.mode;
          if (mode.kind === "hang") return;
          record.answeredStatus = mode.kind === "fail" ? mode.status : 200;
          if (mode.kind === "fail") return void response.writeHead(mode.status).end("receiver failing on purpose");
          if (mode.kind === "reply") return void response.writeHead(200, { "content-type": "application/xml" }).end(mode.xml);
          response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        });
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(receiver.port, "127.0.0.1", () => resolve());
      });
      receiver.port = (listening.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}/wechat`;
    },
  };
  await receiver.start();
  return receiver;
};
