import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { callWechatApi } from "./call-wechat-api";

// A kept-alive connection the server closes just as the proxy reuses it (its idle timeout racing the next request)
// must not reach the caller as "WeChat could not be reached": the request goes again on a fresh connection.

let server: Server;
let url: string;
const served: Socket[] = [];
let requests = 0;

before(async () => {
  server = createServer((request, response) => {
    requests += 1;
    // Every connection answers once; a second request on it finds the connection closed, as after an idle timeout.
    if (served.includes(request.socket)) return request.socket.destroy();
    served.push(request.socket);
    request.resume();
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wxa/commit`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("[PROXY] a kept-alive connection closed as it is reused", () => {
  it("sends the request once more on a fresh connection, and answers WeChat's answer", async () => {
    const call = () =>
      callWechatApi(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: { kind: "buffered", bytes: Buffer.from("{}") },
      });
    assert.equal((await call()).errcode, 0);
    const second = await call();
    assert.equal(second.status, 200);
    assert.equal(second.errcode, 0);
    assert.equal(requests, 3, "the reused connection's attempt, then one on a fresh connection");
    assert.equal(served.length, 2);
  });
});
