import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { runCli } from "../helpers/cli";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The console's second factor (TOTP) end to end against the real app: no session before the code, a wrong code
// counted like a wrong password, a code or recovery code taken once, an admin's (and the CLI's) reset, and the
// requirement that sends every user without one to set it up.

let stack: TStack;
const db = () => stack.database.db;

// Imported after shareEnvironment: lib/env reads process.env once.
const lib = async () => ({
  ...(await import("../../lib/auth/totp")),
  ...(await import("../../lib/auth/password")),
  ...(await import("../../lib/platform/users/start-second-factor-setup")),
  ...(await import("../../lib/platform/users/confirm-second-factor-setup")),
  ...(await import("../../lib/platform/users/disable-second-factor")),
  ...(await import("../../lib/platform/users/reset-second-factor")),
  ...(await import("../../lib/platform/users/set-second-factor-requirement")),
});

type TUser = { id: string; email: string; password: string };

const createUser = async (role: "admin" | "operator" = "operator"): Promise<TUser> => {
  const { hashPassword } = await lib();
  const user = { id: randomUUID(), email: `second-factor-${randomUUID()}@example.com`, password: "operator-password-9" };
  await db().user.create({ data: { id: user.id, email: user.email, role, passwordHash: await hashPassword(user.password) } });
  return user;
};

/** Sets up and confirms a second factor the way the Account page does; answers its secret and recovery codes. */
const enableSecondFactor = async (userId: string) => {
  const { startSecondFactorSetup, confirmSecondFactorSetup, totpCode } = await lib();
  const { secret } = await startSecondFactorSetup({ userId });
  const { recoveryCodes } = await confirmSecondFactorSetup({ userId, code: totpCode({ secret, at: new Date() }) });
  return { secret, recoveryCodes };
};

/** A code for a step after the one the setup used and still in the server's window (its clock may be a step on). */
const nextCode = async (secret: string) => (await lib()).totpCode({ secret, at: new Date(Date.now() + 30_000) });

/** Six digits that are the code of no step in the window around now. */
const wrongCode = async (secret: string) => {
  const { totpCode } = await lib();
  const valid = [-60_000, -30_000, 0, 30_000, 60_000].map((ms) => totpCode({ secret, at: new Date(Date.now() + ms) }));
  let code = "000000";
  while (valid.includes(code)) code = String(Number(code) + 1).padStart(6, "0");
  return code;
};

const failuresOf = async (email: string) => (await db().rateLimit.findUnique({ where: { key: `login:email:${email}` } }))?.count ?? 0;

const hasSessionCookie = (cookie: string) => /next-auth\.session-token=/.test(cookie);

const page = (path: string, cookie: string) => fetch(`${stack.app.url}${path}`, { headers: { cookie }, redirect: "manual" });

const actionsOf = async (userId: string) =>
  (await db().event.findMany({ where: { kind: "auth.second_factor" }, orderBy: { id: "asc" } }))
    .map((event) => JSON.parse(event.detail ?? "{}") as { action: string; userId: string; left?: number })
    .filter((detail) => detail.userId === userId);

before(async () => {
  stack = await startStack();
  stack.shareEnvironment({ LOG_LEVEL: "error" });
});

after(async () => stack?.stop());

describe("[AUTH][SECOND-FACTOR] TOTP at sign-in", () => {
  it("asks for the code after the right password without starting a session or costing a try; the code then signs in", async () => {
    const user = await createUser();
    const { secret } = await enableSecondFactor(user.id);
    const stored = await db().secondFactor.findUniqueOrThrow({ where: { userId: user.id } });
    assert.match(stored.secret, /^v2\./, "the secret is encrypted at rest");
    assert.ok(!stored.secret.includes(secret));

    const first = await signIn(stack.app.url, user.email, user.password);
    assert.equal(first.error, "SecondFactorRequired");
    assert.equal(hasSessionCookie(first.cookie), false, "no session cookie before the code");
    assert.equal(await db().userSession.count({ where: { userId: user.id } }), 0, "no session on the server either");
    assert.equal(await failuresOf(user.email), 0, "the right password alone is not a failure");

    assert.equal((await signIn(stack.app.url, user.email, "not-the-password", {}, await nextCode(secret))).error, "CredentialsSignin");
    const signedIn = await signIn(stack.app.url, user.email, user.password, {}, await nextCode(secret));
    assert.equal(signedIn.error, null);
    assert.equal((await page("/overview", signedIn.cookie)).status, 200);
    assert.equal(await failuresOf(user.email), 0, "a success forgets the failures");
  });

  it("refuses a code already used, even within its 30 seconds, and counts it as a failure", async () => {
    const user = await createUser();
    const { secret } = await enableSecondFactor(user.id);
    const code = await nextCode(secret);
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, code)).error, null);
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, code)).error, "SecondFactorWrong");
    assert.equal(await failuresOf(user.email), 1);
  });

  it("[RACE] the same code sent twice at the same moment signs in once", async () => {
    const user = await createUser();
    const { secret } = await enableSecondFactor(user.id);
    const code = await nextCode(secret);
    const answers = await Promise.all([1, 2].map(() => signIn(stack.app.url, user.email, user.password, {}, code)));
    assert.deepEqual(answers.map((answer) => answer.error).sort(), [null, "SecondFactorWrong"].sort());
    assert.equal(await db().userSession.count({ where: { userId: user.id } }), 1);
  });

  it("counts wrong codes in the same sign-in limits as wrong passwords: five failures of either lock the email", async () => {
    const user = await createUser();
    const { secret } = await enableSecondFactor(user.id);
    const wrong = await wrongCode(secret);
    const errors: Array<string | null> = [];
    for (const password of ["wrong-password-1", "wrong-password-2"]) errors.push((await signIn(stack.app.url, user.email, password)).error);
    for (let attempt = 0; attempt < 3; attempt++) errors.push((await signIn(stack.app.url, user.email, user.password, {}, wrong)).error);
    assert.deepEqual(errors, ["CredentialsSignin", "CredentialsSignin", "SecondFactorWrong", "SecondFactorWrong", "LoginLocked:15"]);
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, await nextCode(secret))).error, "LoginLocked:15");
    assert.equal(await db().userSession.count({ where: { userId: user.id } }), 0);
  });

  it("signs in with each recovery code once, in any spelling, and records its use", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enableSecondFactor(user.id);
    assert.equal(recoveryCodes.length, 10);
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id } });
    assert.equal(stored.length, 10);
    assert.ok(
      stored.every((row) => /^[0-9a-f]{64}$/.test(row.codeHash) && !recoveryCodes.includes(row.codeHash)),
      "stored hashed",
    );

    const [code] = recoveryCodes;
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, code.toUpperCase().replace(/-/g, " "))).error, null);
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, code)).error, "SecondFactorWrong");
    assert.equal((await signIn(stack.app.url, user.email, user.password, {}, recoveryCodes[1])).error, null);
    const used = (await actionsOf(user.id)).filter((detail) => detail.action === "second_factor.recovery_code_used");
    assert.deepEqual(
      used.map((detail) => detail.left),
      [9, 8],
    );
  });

  it("turns off with the password or a current code (a wrong one is counted), and sign-in is then the password alone", async () => {
    const { disableSecondFactor } = await lib();
    const user = await createUser();
    await enableSecondFactor(user.id);
    await assert.rejects(disableSecondFactor({ userId: user.id, proof: "a-wrong-guess" }), /not a current code/);
    assert.equal(await failuresOf(user.email), 1);
    await disableSecondFactor({ userId: user.id, proof: user.password });
    assert.equal(await db().secondFactor.count({ where: { userId: user.id } }), 0);
    assert.equal(await db().recoveryCode.count({ where: { userId: user.id } }), 0);
    assert.equal((await signIn(stack.app.url, user.email, user.password)).error, null);
    assert.deepEqual(
      (await actionsOf(user.id)).map((detail) => detail.action),
      ["second_factor.enable", "second_factor.disable"],
    );
  });

  it("an admin's reset removes the factor and ends the user's sessions; the CLI does the same for a locked-out admin", async () => {
    const { resetSecondFactor } = await lib();
    const user = await createUser();
    const { secret } = await enableSecondFactor(user.id);
    const { cookie } = await signIn(stack.app.url, user.email, user.password, {}, await nextCode(secret));
    assert.equal((await page("/overview", cookie)).status, 200);
    await resetSecondFactor({ userId: user.id, actor: "user:admin@example.com" });
    assert.notEqual((await page("/overview", cookie)).status, 200, "the user's sessions ended");
    assert.equal((await signIn(stack.app.url, user.email, user.password)).error, null, "the password alone signs in");
    await assert.rejects(resetSecondFactor({ userId: user.id, actor: "test" }), /no second factor/);
    const reset = await db().event.findFirstOrThrow({
      where: { kind: "auth.second_factor", detail: { contains: user.id } },
      orderBy: { id: "desc" },
    });
    assert.equal(reset.actor, "user:admin@example.com");

    const admin = await createUser("admin");
    await enableSecondFactor(admin.id);
    const cli = await runCli(stack.env, "users", "reset-second-factor", admin.email.toUpperCase());
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, new RegExp(`second factor of ${admin.email} is removed`));
    assert.equal((await signIn(stack.app.url, admin.email, admin.password)).error, null);
    assert.deepEqual(
      (await actionsOf(admin.id)).map((detail) => detail.action),
      ["second_factor.enable", "second_factor.reset"],
    );
    const unknown = await runCli(stack.env, "users", "reset-second-factor", "nobody@example.com");
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No user has the email nobody@example\.com/);
  });
});

describe("[AUTH][SECOND-FACTOR] required of every user", () => {
  it("sends a user without one to its setup from every page and refuses the dashboard's routes, until it is set up", async () => {
    const { setSecondFactorRequirement } = await lib();
    const admin = await db().user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    const actor = { id: admin.id, label: `user:${admin.email}` };
    await assert.rejects(setSecondFactorRequirement({ isRequired: true, actor }), /your own second factor/);
    await enableSecondFactor(admin.id);

    const user = await createUser();
    const before = await signIn(stack.app.url, user.email, user.password);
    assert.equal((await page("/overview", before.cookie)).status, 200, "not required yet");

    await setSecondFactorRequirement({ isRequired: true, actor });
    try {
      // The session from before the switch is sent to the setup too, and so is a new sign-in (with the password alone).
      const { cookie } = await signIn(stack.app.url, user.email, user.password);
      for (const session of [before.cookie, cookie])
        for (const path of ["/overview", "/authorizers", "/settings", "/account", "/events", "/invite"]) {
          const response = await page(path, session);
          assert.ok([303, 307, 308].includes(response.status), `${path} answered ${response.status}`);
          assert.match(response.headers.get("location") ?? "", /\/second-factor$/, path);
        }
      const route = await fetch(`${stack.app.url}/api/admin/authorizers/wx0000000000000000/refresh`, {
        method: "POST",
        headers: { cookie },
      });
      assert.equal(route.status, 403);
      assert.match(((await route.json()) as { error: { message: string } }).error.message, /second factor/);
      assert.equal((await page("/second-factor", cookie)).status, 200, "the setup itself is open");

      await enableSecondFactor(user.id);
      assert.equal((await page("/overview", cookie)).status, 200, "set up: the console opens");
      assert.equal((await page("/second-factor", cookie)).status, 307, "and the setup page sends them on");
    } finally {
      await setSecondFactorRequirement({ isRequired: false, actor });
    }
    const settingEvents = await db().event.findMany({
      where: { kind: "admin.action", detail: { contains: "settings.require_second_factor" } },
    });
    assert.equal(settingEvents.length, 2);
  });
});
