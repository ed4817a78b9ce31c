import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { startApp, type TTestApp } from "../helpers/app";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Dashboard sessions end on the server: signing out, the 8-hour cap and disabling make a copied cookie useless.
// With an https APP_URL the cookies are Secure and the session cookie is __Host-.

let stack: TStack;
const db = () => stack.database.db;

/** Whether a cookie still opens the dashboard (a signed-out visitor is redirected to /login). */
const opensDashboard = async (appUrl: string, cookie: string) => {
  const response = await fetch(`${appUrl}/overview`, { headers: { cookie }, redirect: "manual" });
  return response.status === 200;
};

before(async () => {
  stack = await startStack();
});

after(async () => stack?.stop());

describe("[AUTH][SESSIONS] dashboard sessions", () => {
  it("signing out ends the session on the server: the same cookie no longer works", async () => {
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    assert.equal(await opensDashboard(stack.app.url, cookie), true);
    const { csrfToken } = (await (await fetch(`${stack.app.url}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
    const signOut = await fetch(`${stack.app.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    assert.ok(signOut.status < 400, `sign-out answered ${signOut.status}`);
    assert.equal(await opensDashboard(stack.app.url, cookie), false, "a copy of the cookie kept from before is refused");
  });

  it("a session ends 8 hours after sign-in however active it is", async () => {
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const session = await db().userSession.findFirstOrThrow({ where: { revokedAt: null }, orderBy: { createdAt: "desc" } });
    assert.ok(Math.abs(session.expiresAt.getTime() - session.createdAt.getTime() - 8 * 3600_000) < 1000, "8 hours, fixed at sign-in");
    assert.equal(await opensDashboard(stack.app.url, cookie), true);
    await db().userSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal(await opensDashboard(stack.app.url, cookie), false);
  });

  it("disabling a user ends their sessions on the server: enabling them again does not bring an old cookie back", async () => {
    stack.shareEnvironment({ LOG_LEVEL: "error" });
    const { hashPassword } = await import("../../lib/auth/password");
    const { updateUser } = await import("../../lib/platform/users/update-user");
    const user = { id: randomUUID(), email: `session-${randomUUID()}@example.com`, password: "operator-password-3" };
    await db().user.create({ data: { id: user.id, email: user.email, role: "operator", passwordHash: await hashPassword(user.password) } });
    const { cookie } = await signIn(stack.app.url, user.email, user.password);
    assert.equal(await opensDashboard(stack.app.url, cookie), true);
    const admin = { id: "admin-test", label: "test" };
    await updateUser({ userId: user.id, isDisabled: true, actor: admin });
    assert.equal(await db().userSession.count({ where: { userId: user.id, revokedAt: null } }), 0);
    await updateUser({ userId: user.id, isDisabled: false, actor: admin });
    assert.equal(await opensDashboard(stack.app.url, cookie), false);
  });

  it("[RACE] a set-password link works once: two submissions at the same moment, one wins, and the winner's password signs in", async () => {
    stack.shareEnvironment({ LOG_LEVEL: "error" });
    const { inviteUser } = await import("../../lib/platform/users/invite-user");
    const { setPasswordWithLink } = await import("../../lib/platform/users/set-password-with-link");
    const email = `invited-${randomUUID()}@example.com`;
    const { link } = await inviteUser({ email, role: "operator", actor: "test" });
    assert.notEqual((await signIn(stack.app.url, email, "anything-at-all")).error, null, "nobody can sign in before the link is used");
    const token = link.split("/set-password/")[1];
    const results = await Promise.allSettled(
      ["first-password-1", "second-password-2"].map((password) => setPasswordWithLink({ token, password, confirmation: password })),
    );
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    const winner = results[0].status === "fulfilled" ? "first-password-1" : "second-password-2";
    assert.equal((await signIn(stack.app.url, email, winner)).error, null);
    await assert.rejects(setPasswordWithLink({ token, password: "third-password-3", confirmation: "third-password-3" }), /used|expired/);
  });

  it("with an https APP_URL, cookies are Secure and the session cookie is __Host-", async () => {
    let app: TTestApp | undefined;
    try {
      app = await startApp({
        databaseUrl: stack.database.url,
        simulatorUrl: stack.simulator.url,
        env: { ...stack.env, APP_URL: "https://wxopen.example.com", NEXTAUTH_URL: "", PORT: "" },
      });
      const csrf = await fetch(`${app.url}/api/auth/csrf`);
      const csrfCookies = csrf.headers.getSetCookie();
      assert.ok(
        csrfCookies.some((cookie) => cookie.startsWith("__Host-next-auth.csrf-token=") && /; Secure/i.test(cookie)),
        csrfCookies.join("\n"),
      );
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const signedIn = await fetch(`${app.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: csrfCookies.map((cookie) => cookie.split(";")[0]).join("; "),
        },
        body: new URLSearchParams({ csrfToken, email: TEST_ADMIN.email, password: TEST_ADMIN.password, json: "true" }),
      });
      const session = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith("__Host-next-auth.session-token="));
      assert.ok(session, signedIn.headers.getSetCookie().join("\n"));
      assert.match(session, /; Secure/i);
      assert.match(session, /; HttpOnly/i);
      assert.match(session, /; Path=\//i);
      assert.doesNotMatch(session, /; Domain=/i);
    } finally {
      await app?.stop();
    }
  });
});
