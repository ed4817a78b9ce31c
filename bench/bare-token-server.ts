// The machine's limit for the token API: a bare node:http server answering the same token JSON from memory
// (a Map filled from stdin at start), checking only that an Authorization header is present.
import http from "node:http";

type TToken = { appid: string; accessToken: string; expiresAt: string };

const port = Number(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const tokens = new Map<string, TToken>((JSON.parse(input) as TToken[]).map((token) => [token.appid, token]));
  const server = http.createServer((request, response) => {
    const match = /^\/api\/v1\/authorizers\/([^/]+)\/access-token$/.exec(request.url ?? "");
    const token = match ? tokens.get(match[1]) : undefined;
    if (!request.headers.authorization || !token) {
      response.writeHead(match ? 404 : 401, { "content-type": "application/json" }).end('{"error":{"code":"not_found","message":"no"}}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(token));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, "127.0.0.1", () => console.log("ready"));
});
