// The services that receive wxopen's deliveries, for the figures with forwarding rules: a bare node:http server in a
// process of its own that reads each body and answers 200. In a deployment these are other machines; here they share
// the two cores, so the bench runs this at a low priority (nice 10, like the app's own delivery thread) and it does
// not take the load generator's event loop, as a receiver in the bench's own process did.
import http from "node:http";
import { setPriority } from "node:os";

const port = Number(process.argv[2]);
setPriority(10);
const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "text/plain" }).end("ok"));
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));
