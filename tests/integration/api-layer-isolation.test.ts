import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The JSON API answers beside Next.js, not behind it: while merchant pages wait seconds on WeChat and dashboard pages
// render, token reads keep answering in milliseconds (the event loop stays free; nothing queues behind a page).

const PAGE_DELAY_MS = 3000;

describe("[API-LAYER] a slow Next.js page does not delay token reads", () => {
  let stack: TStack;
  let operatorKey: string;
  let appid: string;

  before(async () => {
    stack = await startStack();
    stack.shareEnvironment();
    const { createApiKey } = await import("../../lib/auth/api-keys");
    operatorKey = (await createApiKey({ name: "reads", role: "operator" })).key;
    const adminKey = (await createApiKey({ name: "ops", role: "admin" })).key;
    await stack.ready();
    [{ appid }] = stack.simulator.addAccounts(1, { authorize: true, kind: "official_account" });
    const imported = await fetch(`${stack.app.url}/api/v1/authorizers/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(imported.status, 200);
  });
  after(async () => stack?.stop());

  const readToken = async () => {
    const startedAt = performance.now();
    const response = await fetch(`${stack.app.url}/api/v1/authorizers/${appid}/access-token`, {
      headers: { authorization: `Bearer ${operatorKey}` },
    });
    assert.equal(response.status, 200);
    await response.json();
    return performance.now() - startedAt;
  };

  it("token reads answer within milliseconds while pages wait on WeChat and render", async () => {
    await readToken();
    const { createAuthorizationLink } = await import("../../lib/platform/authorization/create-authorization-link");
    stack.simulator.addFault({ api: "api_create_preauthcode", mode: "latency", latencyMs: PAGE_DELAY_MS, times: 4 });
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    // Once rendered before: the first render of a page loads its modules (synchronous work no server can spread).
    await (await fetch(`${stack.app.url}/overview`, { headers: { cookie } })).text();
    const pagesStartedAt = performance.now();
    const slowPages = Array.from({ length: 4 }, async (_, index) => {
      const link = await createAuthorizationLink({ authType: 3, createdBy: { userId: null, label: "isolation test" } });
      const response = await fetch(`${stack.app.url}/authorize/${link.token}/pc`, {
        method: "POST",
        redirect: "manual",
        headers: { referer: `${stack.app.url}/authorize/${link.token}`, "x-forwarded-for": `10.0.0.${index + 1}` },
      });
      return { status: response.status, at: performance.now() };
    });
    // Phase 1: only the merchant pages, waiting on WeChat. Phase 2: dashboard renders too (CPU work on the same loop).
    const readUntil = async (until: number) => {
      const latencies: number[] = [];
      while (performance.now() - pagesStartedAt < until) latencies.push(await readToken());
      return latencies.sort((a, b) => a - b);
    };
    const whileWaiting = await readUntil(1200);
    const renders = Array.from({ length: 4 }, () =>
      fetch(`${stack.app.url}/overview`, { headers: { cookie } }).then((response) => response.text()),
    );
    const whileRendering = await readUntil(PAGE_DELAY_MS - 500);
    const readsEndedAt = performance.now();

    const pages = await Promise.all(slowPages);
    await Promise.all(renders);
    for (const page of pages) {
      assert.equal(page.status, 303, "the merchant page went on to WeChat");
      assert.ok(page.at > readsEndedAt, "the page was still waiting when the reads were done");
    }
    const at = (latencies: number[], share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))];
    assert.ok(whileWaiting.length >= 20, `${whileWaiting.length} reads while the pages waited`);
    assert.ok(at(whileWaiting, 0.5) < 20, `median ${at(whileWaiting, 0.5).toFixed(1)} ms while pages waited`);
    assert.ok(at(whileWaiting, 1) < 100, `worst ${at(whileWaiting, 1).toFixed(1)} ms while pages waited`);
    // A render is CPU on the one loop: a read may wait for one, never queue behind the pages waiting on WeChat.
    assert.ok(at(whileRendering, 0.95) < 50, `p95 ${at(whileRendering, 0.95).toFixed(1)} ms while the dashboard rendered`);
  });
});
