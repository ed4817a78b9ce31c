import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The pages' Content-Security-Policy comes from proxy.ts with a fresh nonce per request, and Next.js puts that nonce
// on every script it renders: without it the browser would refuse the app's own scripts.

let stack: TStack;

before(async () => {
  stack = await startStack();
});

after(async () => stack?.stop());

/** The page's policy, its nonce and every <script> tag of its HTML. */
const load = async (path: string, cookie = "") => {
  const response = await fetch(`${stack.app.url}${path}`, { headers: { cookie }, redirect: "manual" });
  assert.equal(response.status, 200, path);
  const policy = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  return { policy, nonce, scripts: (await response.text()).match(/<script\b[^>]*>/g) ?? [] };
};

describe("[SECURITY][CSP] pages", () => {
  it("the login page: scripts only with a nonce that is new on every request, no eval, not framed", async () => {
    const first = await load("/login");
    const second = await load("/login");
    assert.ok(first.nonce && second.nonce, first.policy);
    assert.notEqual(first.nonce, second.nonce);
    assert.match(first.policy, new RegExp(`script-src 'self' 'nonce-${first.nonce!.replace(/[+/=]/g, "\\$&")}' 'strict-dynamic';`));
    assert.match(first.policy, /default-src 'self';/);
    assert.match(first.policy, /frame-ancestors 'none'/);
    assert.match(first.policy, /form-action 'self'/);
    assert.doesNotMatch(first.policy, /unsafe-eval/);
    assert.ok(first.scripts.length > 0);
    for (const script of first.scripts) assert.ok(script.includes(` nonce="${first.nonce}"`), script);
  });

  it("the dashboard, signed in: the same policy, and every script carries the nonce", async () => {
    const { cookie, error } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    assert.equal(error, null);
    const overview = await load("/overview", cookie);
    assert.ok(overview.nonce, overview.policy);
    assert.doesNotMatch(overview.policy, /unsafe-eval/);
    assert.ok(overview.scripts.length > 0);
    for (const script of overview.scripts) assert.ok(script.includes(` nonce="${overview.nonce}"`), script);
  });

  it("the JSON API keeps its own header (no page policy)", async () => {
    const response = await fetch(`${stack.app.url}/api/health`);
    assert.equal(response.headers.get("content-security-policy"), "frame-ancestors 'none'; base-uri 'self'; object-src 'none'");
  });
});
