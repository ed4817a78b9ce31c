import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// REFRESH_POLICY=active: the sweep keeps only accounts used within ACTIVE_DAYS fresh; a dormant one is refreshed on
// its first read, once, however many callers ask at the same moment. Refresh tokens do not expire: nothing is lost.

let stack: TStack;
let operatorKey: string;
let adminKey: string;
const CRON_SECRET = "test-cron-secret-0123456789";

const sweep = async () => {
  const response = await fetch(`${stack.app.url}/api/cron/refresh`, {
    method: "POST",
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { refreshed: number };
};
const refreshCalls = (appid: string) =>
  stack.simulator
    .calls({ api: "api_authorizer_token" })
    .filter((call) => (call.body as { authorizer_appid?: string }).authorizer_appid === appid).length;

before(async () => {
  stack = await startStack({ env: { REFRESH_SWEEP_ENABLED: "false", REFRESH_POLICY: "active", ACTIVE_DAYS: "7" } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  operatorKey = (await createApiKey({ name: "policy operator", role: "operator" })).key;
  adminKey = (await createApiKey({ name: "policy admin", role: "admin" })).key;
  await stack.ready();
});

after(async () => {
  await stack?.stop();
});

describe("[SWEEP][ACTIVE] REFRESH_POLICY=active", () => {
  it("the sweep leaves a dormant account alone; its first reads refresh it exactly once; then it is kept fresh", async () => {
    const [dormant, active] = stack.simulator.addAccounts(2, { authorize: true, kind: "official_account" }).map((account) => account.appid);
    const imported = await fetch(`${stack.app.url}/api/v1/authorizers/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(imported.status, 200, await imported.text());
    const db = stack.database.db;
    // `active` was used yesterday; `dormant` ten days ago. Neither has an access token yet.
    await db.authorizer.updateMany({ where: { appid: active }, data: { lastUsedAt: new Date(Date.now() - 86_400_000) } });
    await db.authorizer.updateMany({ where: { appid: dormant }, data: { lastUsedAt: new Date(Date.now() - 10 * 86_400_000) } });
    stack.simulator.clearCalls();
    await sweep();
    assert.deepEqual([refreshCalls(active), refreshCalls(dormant)], [1, 0], "the sweep refreshed the active account only");

    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const overview = await (await fetch(`${stack.app.url}/overview`, { headers: { cookie } })).text();
    assert.match(overview, /1 个帐号休眠/);

    // Twenty services read the dormant account's token at once: one refresh, one token for all.
    stack.simulator.addFault({ api: "api_authorizer_token", mode: "latency", latencyMs: 300, times: 1 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${stack.app.url}/api/v1/authorizers/${dormant}/access-token`, { headers: { authorization: `Bearer ${operatorKey}` } }),
      ),
    );
    const tokens = new Set<string>();
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      tokens.add(((await answer.json()) as { accessToken: string }).accessToken);
    }
    assert.equal(tokens.size, 1, "every caller got the same token");
    assert.equal(refreshCalls(dormant), 1, "exactly one refresh");
    // The read marks it used: from now on the sweep keeps it fresh.
    await eventually(async () => {
      const row = await db.authorizer.findFirstOrThrow({ where: { appid: dormant } });
      return row.lastUsedAt && row.lastUsedAt.getTime() > Date.now() - 60_000 ? true : undefined;
    }, "marked used");
    await db.authorizer.updateMany({ where: { appid: dormant }, data: { accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) } });
    await sweep();
    assert.equal(refreshCalls(dormant), 2, "now swept like any active account");
    const row = await db.authorizer.findFirstOrThrow({ where: { appid: dormant } });
    assert.ok(row.refreshToken, "the refresh token is kept throughout");
  });
});
