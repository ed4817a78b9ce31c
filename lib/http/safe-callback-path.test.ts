import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "./safe-callback-path";

const APP_URL = "https://wxopen.example.com";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    assert.equal(safeCallbackPath("/authorizers?q=a#top", APP_URL), "/authorizers?q=a#top");
    assert.equal(safeCallbackPath("/events", "http://localhost:3000"), "/events");
  });

  it("refuses everything that resolves to another origin, or is no path", () => {
    for (const hostile of [
      "/\\evil.example",
      "/\\/evil.example",
      "//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "",
      undefined,
      42,
      ["/overview"],
    ])
      assert.equal(safeCallbackPath(hostile, APP_URL), DEFAULT_AFTER_SIGN_IN, JSON.stringify(hostile));
  });
});
