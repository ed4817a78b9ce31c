import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { instanceStarted, leaveDeliveriesToThread } from "@/lib/platform/instance/start-instance";
import { buildApi } from "./api-app";
import { startDeliveryThread, type TDeliveryThread } from "./start-delivery-thread";

// One process, one port: the JSON API (/api/v1/*, /api/health, /api/metrics) goes to the Fastify layer, everything
// else (the dashboard, server actions, the merchant pages, the URLs WeChat posts to) to Next.js's request handler.
// `npm start` runs this; `npm run dev` with --dev. Flags as `next start` takes them: -p/--port, -H/--hostname.

const argument = (names: string[]) => {
  const at = process.argv.findIndex((value) => names.includes(value));
  return at === -1 ? undefined : process.argv[at + 1];
};

const isDev = process.argv.includes("--dev");
const port = Number(argument(["-p", "--port"]) ?? process.env.PORT ?? 3000);
const hostname = argument(["-H", "--hostname"]) ?? process.env.HOSTNAME ?? "0.0.0.0";

/** The JSON API's paths: /api/v1 and below, /api/health, /api/metrics (a query or a further segment allowed). */
const API_PATH = /^\/api\/(?:v1|health|metrics)(?:[/?#]|$)/;
export const isApiPath = (url: string | undefined) => API_PATH.test(url ?? "");

const main = async () => {
  const nextApp = next({ dev: isDev, hostname, port, dir: process.cwd() });
  const nextHandler = nextApp.getRequestHandler();
  let apiHandler: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;
  const server = createServer((request, response) => {
    if (isApiPath(request.url)) apiHandler(request, response);
    else void nextHandler(request, response);
  });
  const api = await buildApi({
    serverFactory: (handler) => {
      apiHandler = handler;
      return server;
    },
  });
  // The bundle (npm start) sends deliveries from a thread of their own; npm run dev keeps them on this one.
  const isBundled = __filename.endsWith(".cjs");
  if (isBundled) leaveDeliveriesToThread();
  // Next.js first: its instrumentation checks the configuration, migrates the database and starts the workers. It
  // does not await that before it could serve, so nothing listens until the start-up is done.
  await nextApp.prepare();
  await instanceStarted();
  await api.ready();
  const deliveries: TDeliveryThread | null = isBundled && getEnv().DELIVERY_WORKER_ENABLED ? startDeliveryThread(__dirname) : null;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  log.info("server_listening", { url: `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`, isDev });

  const stop = async () => {
    const timer = setTimeout(() => process.exit(0), 10_000);
    timer.unref();
    await api.close().catch(() => undefined);
    await deliveries?.stop().catch(() => undefined);
    await nextApp.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
