import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger, log, logger, redact, redactText } from "./log";

describe("log redaction", () => {
  it("lets counts and flags through under a secret-sounding key, and blanks its text", () => {
    assert.deepEqual(redact({ deleted: { tickets: 3, pushReceipts: 0, events: 12 }, isBacklogLeft: false }), {
      deleted: { tickets: 3, pushReceipts: 0, events: 12 },
      isBacklogLeft: false,
    });
    assert.deepEqual(redact({ accessToken: "short", refreshFailures: 2, tokens: { current: "abc", count: 4, isFresh: true } }), {
      accessToken: "[redacted]",
      refreshFailures: 2,
      tokens: { current: "[redacted]", count: 4, isFresh: true },
    });
    assert.deepEqual(redact({ content: "hello from a user", summary: ["words"], xml: "<xml/>" }), {
      content: "[redacted]",
      summary: ["[redacted]"],
      xml: "[redacted]",
    });
  });

  it("blanks what looks like a credential under any key, and keeps ids, words and errcodes", () => {
    const accessToken = "89_Zx3kq9VbL0pQw7RtY2uIo5pAs8dFg1hJk4lZx6cVb9nM-aSdF";
    assert.equal(redactText(`WeChat answered errcode 40001 for ${accessToken}`), "WeChat answered errcode 40001 for [redacted]");
    assert.equal(
      redactText("GET /cgi-bin/x?access_token=abc&appid=wx0123456789abcdef&errcode=40001"),
      "GET /cgi-bin/x?access_token=[redacted]&appid=wx0123456789abcdef&errcode=40001",
    );
    assert.equal(redactText("key wxo_AbC123dEf456 and whsec_Zz-9_x"), "key wxo_[redacted] and whsec_[redacted]");
    assert.equal(redactText("Authorization: Bearer wxo_abc.def"), "Authorization: Bearer [redacted]");
    assert.equal(redactText("ticket@@@Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z done"), "[redacted] done");
    const kept = "rule 0b7c6f3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e for wx0123456789abcdef: authorization_code_expired_time passed";
    assert.equal(redactText(kept), kept);
    const error = new Error(`refresh failed with ${accessToken}`);
    assert.deepEqual(redact({ appid: "wx0123456789abcdef", error }), {
      appid: "wx0123456789abcdef",
      error: { name: "Error", message: "refresh failed with [redacted]" },
    });
    const stack = redact({
      stack: `Error: leaked ${accessToken}\n    at run (/app/.next/server/chunks/node_modules_next_dist_1a2b3c4d5e6f7a8b9c0d.js:1:2)`,
    });
    assert.deepEqual(stack, {
      stack: "Error: leaked [redacted]\n    at run (/app/.next/server/chunks/node_modules_next_dist_1a2b3c4d5e6f7a8b9c0d.js:1:2)",
    });
  });
});

/** A logger writing into arrays instead of stdout and stderr, each line parsed. */
const capture = (level = "debug") => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const logger = createLogger({
    level,
    stdout: { write: (line) => void stdout.push(line) },
    stderr: { write: (line) => void stderr.push(line) },
  });
  const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, out: () => parsed(stdout), err: () => parsed(stderr), raw: () => [...stdout, ...stderr] };
};

describe("log lines", () => {
  it("are one JSON object a line: level as a word, ISO time, the event, then the fields; warn and error on stderr", () => {
    const { logger, out, err, raw } = capture();
    logger.info({ event: "token.refreshed", appid: "wx0123456789abcdef", seconds: 7200 });
    logger.warn({ event: "sweep.slow", selected: 3 });
    logger.error({ event: "sweep.failed" });
    logger.debug({ event: "sweep.idle" });
    assert.ok(raw().every((line) => line.endsWith("\n") && !line.slice(0, -1).includes("\n")));
    const [info, debug] = out();
    assert.deepEqual(Object.keys(info), ["level", "time", "event", "appid", "seconds"]);
    assert.equal(info.level, "info");
    assert.equal(info.event, "token.refreshed");
    assert.equal(new Date(info.time as string).toISOString(), info.time);
    assert.equal(debug.level, "debug");
    assert.deepEqual(
      err().map((line) => [line.level, line.event]),
      [
        ["warn", "sweep.slow"],
        ["error", "sweep.failed"],
      ],
    );
  });

  it("respect the level", () => {
    const { logger, out, err } = capture("warn");
    logger.info({ event: "quiet" });
    logger.warn({ event: "loud" });
    assert.equal(out().length, 0);
    assert.equal(err().length, 1);
    assert.equal(createLogger({ level: "nonsense", stdout: { write: () => {} } }).level, "info");
  });

  it("blank secrets by path whatever their type, and by value under any key", () => {
    const { logger, out } = capture();
    logger.info({
      event: "x",
      password: "hunter2",
      account: { accessToken: { value: "nested" }, refreshToken: 12, secret: true, content: ["hi"] },
      headers: { authorization: "Bearer abc", cookie: "session=1", "x-api-key": "k", accept: "*/*" },
      note: "retry with access_token=abc&errcode=40001",
    });
    assert.deepEqual(out()[0], {
      level: "info",
      time: out()[0].time,
      event: "x",
      password: "[redacted]",
      account: { accessToken: "[redacted]", refreshToken: "[redacted]", secret: "[redacted]", content: "[redacted]" },
      headers: { authorization: "[redacted]", cookie: "[redacted]", "x-api-key": "[redacted]", accept: "*/*" },
      note: "retry with access_token=[redacted]&errcode=40001",
    });
  });

  it("keep credentials out of request lines and child loggers (as Fastify writes them)", () => {
    const { logger, out, err, raw } = capture();
    const request = {
      method: "GET",
      url: "/api/v1/authorizers/wx0123456789abcdef/access-token?access_token=abc123&x=1",
      host: "wxopen.test",
      ip: "10.0.0.1",
      headers: { authorization: "Bearer wxo_live_secret", cookie: "session=s3cr3t", host: "wxopen.test" },
      socket: { remotePort: 50000 },
    };
    const child = logger.child({ reqId: "req-1", token: "leaked" });
    child.info({ req: request }, "incoming request");
    child.info({ res: { statusCode: 200 }, responseTime: 1.5 }, "request completed");
    child.error({ err: new Error("upstream said Bearer wxo_other") }, "failed with wxo_third");
    const [incoming, completed] = out();
    assert.deepEqual(incoming, {
      level: "info",
      time: incoming.time,
      reqId: "req-1",
      token: "[redacted]",
      req: {
        method: "GET",
        url: "/api/v1/authorizers/wx0123456789abcdef/access-token?access_token=[redacted]&x=1",
        host: "wxopen.test",
        remoteAddress: "10.0.0.1",
        remotePort: 50000,
      },
      event: "incoming request",
    });
    assert.deepEqual(completed.res, { statusCode: 200 });
    const [failed] = err();
    assert.equal(failed.event, "failed with wxo_[redacted]");
    assert.equal((failed.err as { message: string }).message, "upstream said Bearer [redacted]");
    for (const secret of ["abc123", "wxo_live_secret", "s3cr3t", "leaked", "wxo_other", "wxo_third"])
      assert.ok(!raw().join("").includes(secret), secret);
  });

  it("log.* keeps today's API: fields with a value, on the shared logger", () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stdout.write;
    try {
      log.info("api_key.created", { name: "ci", note: "", role: null, signature: "abc" });
    } finally {
      process.stdout.write = write;
    }
    const line = JSON.parse(lines.at(-1) ?? "{}");
    assert.equal(line.event, "api_key.created");
    assert.equal(line.name, "ci");
    assert.equal(line.signature, "[redacted]");
    assert.ok(!("note" in line) && !("role" in line));
    assert.equal(logger, (globalThis as { wxopenLogger?: unknown }).wxopenLogger);
  });
});
