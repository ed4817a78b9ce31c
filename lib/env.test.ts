import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, parseEnv } from "./env";

const valid = {
  WECHAT_COMPONENT_APPID: "wx0123456789abcdef",
  WECHAT_COMPONENT_APPSECRET: "secret",
  WECHAT_COMPONENT_TOKEN: "wxopentoken",
  WECHAT_COMPONENT_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};

const problemsOf = (raw: Record<string, string | undefined>) => {
  try {
    parseEnv(raw);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
};

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(valid);
    assert.equal(env.DATABASE_URL, "file:./data/wxopen.db");
    assert.equal(env.APP_URL, "http://localhost:3000");
    assert.equal(env.PORT, 3000);
    assert.equal(env.WECHAT_API_BASE, "https://api.weixin.qq.com");
    assert.equal(env.WECHAT_MP_BASE, "https://mp.weixin.qq.com");
    assert.equal(env.WECHAT_OPEN_BASE, "https://open.weixin.qq.com");
  });

  it("accepts TOKEN_UPSTREAM_URL over https, and over http only for this machine", () => {
    const upstream = (url: string) => problemsOf({ ...valid, TOKEN_UPSTREAM_URL: url, TOKEN_UPSTREAM_API_KEY: "wxo_key" });
    assert.deepEqual(upstream("https://wxopen.example.com"), []);
    for (const local of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) assert.deepEqual(upstream(local), []);
    for (const remote of ["http://wxopen.example.com", "http://10.0.0.5:3000", "http://127.0.0.1.example.com"])
      assert.match(upstream(remote)[0], /^TOKEN_UPSTREAM_URL must be https/);
  });

  it("names the variable and what is wrong with it", () => {
    assert.deepEqual(problemsOf({ ...valid, WECHAT_COMPONENT_AES_KEY: "a".repeat(42) }), [
      "WECHAT_COMPONENT_AES_KEY must be 43 characters",
    ]);
    assert.match(problemsOf({ ...valid, WECHAT_COMPONENT_APPID: undefined })[0], /^WECHAT_COMPONENT_APPID is required/);
    assert.match(problemsOf({ ...valid, DATABASE_URL: "mysql://x" })[0], /^DATABASE_URL must start with file:/);
    assert.match(problemsOf({ ...valid, NODE_ENV: "production" })[0], /^DATA_ENCRYPTION_KEY is required in production/);
    assert.match(problemsOf({ ...valid, DATA_ENCRYPTION_KEY: "dG9vIHNob3J0" })[0], /^DATA_ENCRYPTION_KEY must be the base64 of 32/);
  });
});
