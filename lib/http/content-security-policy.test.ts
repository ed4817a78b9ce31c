import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildContentSecurityPolicy, createNonce } from "./content-security-policy";

const directives = (policy: string) => new Map(policy.split("; ").map((directive) => [directive.split(" ")[0], directive]));

describe("Content-Security-Policy", () => {
  it("lets the dashboard run only scripts with the nonce (and what they load), never eval, never framed", () => {
    const policy = directives(buildContentSecurityPolicy({ nonce: "abc123==", isDevelopment: false, page: "dashboard" }));
    assert.equal(policy.get("default-src"), "default-src 'self'");
    assert.equal(policy.get("script-src"), "script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    assert.equal(policy.get("style-src"), "style-src 'self' 'unsafe-inline'");
    assert.match(policy.get("img-src") ?? "", /^img-src 'self' data: https:\/\/\*\.qlogo\.cn /);
    assert.equal(policy.get("connect-src"), "connect-src 'self'");
    assert.equal(policy.get("object-src"), "object-src 'none'");
    assert.equal(policy.get("base-uri"), "base-uri 'self'");
    assert.equal(policy.get("form-action"), "form-action 'self'");
    assert.equal(policy.get("frame-ancestors"), "frame-ancestors 'none'");
  });

  it("allows eval in development only", () => {
    assert.match(buildContentSecurityPolicy({ nonce: "n", isDevelopment: true, page: "dashboard" }), /script-src [^;]* 'unsafe-eval'/);
    assert.doesNotMatch(buildContentSecurityPolicy({ nonce: "n", isDevelopment: false, page: "authorize" }), /unsafe-eval/);
  });

  it("gives the merchant's pages the same script policy; they may be framed; forms may land on WeChat's page", () => {
    const options = {
      nonce: "n0nce",
      isDevelopment: false,
      imageOrigins: ["http://localhost:4200"],
      formTargets: ["https://mp.weixin.qq.com"],
    };
    const merchant = directives(buildContentSecurityPolicy({ ...options, page: "authorize" }));
    const dashboard = directives(buildContentSecurityPolicy({ ...options, page: "dashboard" }));
    assert.equal(merchant.get("script-src"), dashboard.get("script-src"));
    assert.equal(merchant.has("frame-ancestors"), false);
    assert.equal(merchant.get("form-action"), "form-action 'self' https://mp.weixin.qq.com");
    assert.equal(dashboard.get("form-action"), "form-action 'self' https://mp.weixin.qq.com", "/invite posts the same form");
    assert.match(merchant.get("img-src") ?? "", / http:\/\/localhost:4200$/);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, "base64").length, 16);
  });
});
