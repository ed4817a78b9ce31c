import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyDeliverySignature } from "../lib/platform/deliveries/delivery-signature";

// A stand-in for an internal service that receives wxopen's deliveries (beside the WeChat stand-in): checks each
// signature, records what came, and answers as told (200, a 5xx, a passive reply, or never); it can be stopped and
// started again on its port. The demo runs one; the forwarding tests drive it.

export type TReceived = {
  deliveryId: string;
  type: string;
  contentType: string;
  body: string;
  signature: string;
  /** Whether one of `secrets` verifies the signature over this body. */
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
          const deliveryId = String(request.headers["x-wxopen-delivery"] ?? "");
          const concurrentSameId = inFlight.get(deliveryId) ?? 0;
          inFlight.set(deliveryId, concurrentSameId + 1);
          const signature = String(request.headers["x-wxopen-signature"] ?? "");
          const record: TReceived = {
            deliveryId,
            type: String(request.headers["x-wxopen-event"] ?? ""),
            contentType: String(request.headers["content-type"] ?? ""),
            body,
            signature,
            signatureOk: receiver.secrets.some((secret) => verifyDeliverySignature(secret, signature, body)),
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
