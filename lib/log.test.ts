import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redact, redactText } from "./log";

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
