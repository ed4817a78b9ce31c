// The floor for ticket pushes: a bare node:http handler doing the same work as /api/wechat/notify (verify, decrypt,
// store the ticket and its event through receiveComponentPush, then the follow-up) without Next.js.
import http from "node:http";
import { receiveComponentPush } from "../lib/platform/pushes/receive-component-push";

const port = Number(process.argv[2]);
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const query = Object.fromEntries(new URL(request.url ?? "/", "http://127.0.0.1").searchParams);
      const { followUp } = await receiveComponentPush({ query, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" }).end("success");
      if (followUp) void followUp().catch(() => {});
    } catch (error) {
      response.writeHead(400, { "content-type": "text/plain" }).end((error as Error).message);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));
