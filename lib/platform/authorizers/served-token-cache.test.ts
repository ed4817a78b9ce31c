import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVED_TOKEN_CACHE_MS, servedTokenCache } from "./served-token-cache";

const token = (appid: string) => ({ platformKey: "", appid, accessToken: `token-${appid}`, expiresAt: new Date(0) });

describe("servedTokenCache", () => {
  it("holds only the last moments' reads: entries past their lifetime are forgotten, read or not", () => {
    const start = 1_000_000;
    for (let index = 0; index < 5000; index += 1) servedTokenCache.set(token(`wx${index}`), start);
    assert.equal(servedTokenCache.get({ platformKey: "", appid: "wx1" }, start + 1)?.accessToken, "token-wx1");
    assert.equal(servedTokenCache.size(), 5000);
    // A later write prunes what nobody read again: memory follows the read rate, not the number of accounts.
    servedTokenCache.set(token("wx-late"), start + SERVED_TOKEN_CACHE_MS + 1);
    assert.equal(servedTokenCache.size(), 1);
    assert.equal(servedTokenCache.get({ platformKey: "", appid: "wx1" }, start + SERVED_TOKEN_CACHE_MS + 2), undefined);
  });
});
