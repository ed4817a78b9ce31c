import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { hashPassword } from "../../lib/auth/password";
import { eventually } from "../helpers/app";
import { signIn as signInAs, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The dashboard over real HTTP on the real database (SQLite, or Postgres with TEST_DATABASE=postgres): sign-in,
// throttling, page guards by role, the admin-only force refresh, a disabled user's session.

const ADMIN = TEST_ADMIN;
const signIn = (stack: TStack, email: string, password: string) => signInAs(stack.app.url, email, password);

const get = (stack: TStack, path: string, cookie = "") => fetch(`${stack.app.url}${path}`, { headers: { cookie }, redirect: "manual" });

describe("[DASHBOARD] sign-in, roles and pages over HTTP", () => {
  let stack: TStack;
  let adminCookie: string;
  let appid: string;

  before(async () => {
    stack = await startStack();
    await stack.simulator.pushTicket();
    const account = stack.simulator.accounts().find((item) => item.kind === "official_account")!;
    appid = account.appid;
    const { delivery } = stack.simulator.authorizeProgrammatically({ appid, funcIds: [1, 2, 11] });
    await delivery;
    await eventually(
      async () => (await stack.database.db.authorizer.findFirst({ where: { appid } })) ?? undefined,
      "authorizer saved after the push",
      15_000,
    );
  });
  after(async () => stack?.stop());

  it("signs in the first admin from ADMIN_EMAIL / ADMIN_PASSWORD and serves every page", async () => {
    // Created at start (lib/platform/instance/start-instance.ts), before anyone tried to sign in.
    const admin = await stack.database.db.user.findUnique({ where: { email: ADMIN.email } });
    const { error, cookie } = await signIn(stack, ADMIN.email, ADMIN.password);
    assert.equal(error, null);
    adminCookie = cookie;
    assert.equal(admin?.role, "admin");
    assert.ok(admin?.passwordHash.startsWith("$argon2id$"), "an Argon2id hash, not the password");

    for (const path of [
      "/overview",
      "/authorizers",
      `/authorizers?scope=11&kind=official_account&status=authorized&q=${appid}`,
      `/authorizers/${appid}`,
      "/invite",
      "/events?outcome=error",
      `/events?appid=${appid}`,
      "/settings",
    ]) {
      const response = await get(stack, path, adminCookie);
      assert.equal(response.status, 200, `${path} answered ${response.status}`);
      const html = await response.text();
      assert.ok(!html.includes("wxopen-development"), "no development secret in pages");
    }
    assert.doesNotMatch(await (await get(stack, "/overview", adminCookie)).text(), /已触发每日调用次数上限/);
    await stack.database.db.event.create({
      data: { kind: "token.refresh_failed", appid, outcome: "error", errcode: 45009, message: "api_authorizer_token answered 45009" },
    });
    const overview = await (await get(stack, "/overview", adminCookie)).text();
    assert.match(overview, /已触发每日调用次数上限（45009）/);
    assert.match(overview, /过去 24 小时内有 1 次调用返回 45009/);
    const list = await (await get(stack, `/authorizers?q=${appid}`, adminCookie)).text();
    assert.match(list, /素材管理权限/);
  });

  it("sends a signed-out visitor to /login and answers 401 on the admin route", async () => {
    const page = await get(stack, "/overview");
    assert.equal(page.status, 307);
    assert.match(page.headers.get("location") ?? "", /\/login$/);
    const refresh = await fetch(`${stack.app.url}/api/admin/authorizers/${appid}/refresh`, { method: "POST" });
    assert.equal(refresh.status, 401);
  });

  it("refuses a wrong password, then locks the email after five failures", async () => {
    const email = `locked-${randomUUID()}@example.com`;
    for (let attempt = 1; attempt <= 4; attempt++) assert.equal((await signIn(stack, email, "wrong")).error, "CredentialsSignin");
    assert.equal((await signIn(stack, email, "wrong")).error, "LoginLocked:15");
    assert.equal((await signIn(stack, email, "wrong")).error, "LoginLocked:15");
    // The lock lasts 15 minutes from the failure that caused it, kept in the shared rate-limit table.
    const lock = await stack.database.db.rateLimit.findUnique({ where: { key: `login:email:${email}` } });
    assert.ok(lock && lock.windowEndsAt.getTime() > Date.now() + 14 * 60_000);
  });

  it("lets an admin force a refresh (the new expiry, never the token) and refuses an operator with 403", async () => {
    const operator = { email: `operator-${randomUUID()}@example.com`, password: "operator-password-1" };
    await stack.database.db.user.create({
      data: { id: randomUUID(), email: operator.email, role: "operator", passwordHash: await hashPassword(operator.password) },
    });
    const { cookie: operatorCookie } = await signIn(stack, operator.email, operator.password);

    const refused = await fetch(`${stack.app.url}/api/admin/authorizers/${appid}/refresh`, {
      method: "POST",
      headers: { cookie: operatorCookie },
    });
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { error: { code: "forbidden", message: "Only an admin may do this." } });
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 0);
    assert.match(await (await get(stack, "/settings", operatorCookie)).text(), /没有权限/);

    // A page on another site making the admin's browser POST (CSRF) is refused before anything happens.
    const crossSite = await fetch(`${stack.app.url}/api/admin/authorizers/${appid}/refresh`, {
      method: "POST",
      headers: { cookie: adminCookie, origin: "https://evil.example" },
    });
    assert.equal(crossSite.status, 403);
    assert.match(((await crossSite.json()) as { error: { message: string } }).error.message, /evil\.example/);
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 0);

    const refreshed = await fetch(`${stack.app.url}/api/admin/authorizers/${appid}/refresh`, {
      method: "POST",
      headers: { cookie: adminCookie, origin: new URL(stack.app.url).origin },
    });
    assert.equal(refreshed.status, 200);
    const body = (await refreshed.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(body).sort(), ["appid", "expiresAt"]);
    assert.ok(new Date(body.expiresAt).getTime() > Date.now() + 7000 * 1000);
    assert.equal(stack.simulator.calls({ api: "api_authorizer_token" }).length, 1);
    const event = await stack.database.db.event.findFirst({ where: { appid, kind: "token.refreshed" }, orderBy: { id: "desc" } });
    assert.equal(event?.actor, `user:${ADMIN.email}`);

    const missing = await fetch(`${stack.app.url}/api/admin/authorizers/wx0000000000000000/refresh`, {
      method: "POST",
      headers: { cookie: adminCookie },
    });
    assert.ok(missing.status >= 400 && missing.status < 500, `unknown appid answered ${missing.status}`);
  });

  it("ends a disabled user's session at the next request", async () => {
    const user = { email: `disabled-${randomUUID()}@example.com`, password: "operator-password-2" };
    const id = randomUUID();
    await stack.database.db.user.create({
      data: { id, email: user.email, role: "operator", passwordHash: await hashPassword(user.password) },
    });
    const { cookie } = await signIn(stack, user.email, user.password);
    assert.equal((await get(stack, "/overview", cookie)).status, 200);
    await stack.database.db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    assert.equal((await get(stack, "/overview", cookie)).status, 307);
    assert.equal((await signIn(stack, user.email, user.password)).error, "AccountDisabled");
  });
});
