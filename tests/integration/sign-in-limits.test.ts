import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// Password guessing behind a reverse proxy (TRUST_PROXY_HEADERS): attempts are counted before the password is
// checked, per address and per email, so parallel guesses cannot outrun the lock and a stranger cannot lock the
// admin out from everywhere.

let stack: TStack;
const from = (ip: string) => ({ "x-forwarded-for": `203.0.113.250, ${ip}` });

before(async () => {
  stack = await startStack({ env: { TRUST_PROXY_HEADERS: "true" } });
});

after(async () => stack?.stop());

describe("[AUTH][LIMITS] sign-in attempts", () => {
  it("64 parallel guesses at one email: only five passwords are checked, the rest are refused as locked", async () => {
    const email = `target-${randomUUID()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, index) => signIn(stack.app.url, email, `guess-${index}`, from("198.51.100.7"))),
    );
    const errors = answers.map((answer) => answer.error);
    assert.equal(errors.filter((error) => error === "CredentialsSignin").length, 4, errors.join(","));
    assert.equal(errors.filter((error) => error?.startsWith("LoginLocked")).length, 60);
  });

  it("a stranger guessing at the admin's email locks out only the stranger's address", async () => {
    for (let attempt = 0; attempt < 6; attempt++) await signIn(stack.app.url, TEST_ADMIN.email, "not-it", from("198.51.100.66"));
    assert.match(
      (await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password, from("198.51.100.66"))).error ?? "",
      /^LoginLocked:15$/,
    );
    const admin = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password, from("192.0.2.10"));
    assert.equal(admin.error, null, "the admin signs in from another address");

    // The admin sees the lock on Settings, and can lift it.
    const settings = await (
      await fetch(`${stack.app.url}/settings`, { headers: { cookie: admin.cookie, "accept-language": "en" } })
    ).text();
    assert.match(settings, /Locked sign-ins/);
    assert.match(settings, /198\.51\.100\.66/);
  });

  it("a lock lasts twice as long each time it is hit again (15, 30, 60 minutes), and starts over after a quiet day", async () => {
    const email = `again-${randomUUID()}@example.com`;
    const address = "198.51.100.44";
    const rows = stack.database.db.rateLimit;
    const lockedAfterFiveFailures = async () => {
      const answers = [];
      for (let attempt = 0; attempt < 5; attempt++)
        answers.push((await signIn(stack.app.url, email, `guess-${attempt}`, from(address))).error);
      assert.deepEqual(answers.slice(0, 4), Array(4).fill("CredentialsSignin"));
      return answers[4];
    };
    const lock = () => rows.findUniqueOrThrow({ where: { key: `login:pair:${email}|${address}` } });
    const endLock = () =>
      rows.update({ where: { key: `login:pair:${email}|${address}` }, data: { windowEndsAt: new Date(Date.now() - 1000) } });

    assert.equal(await lockedAfterFiveFailures(), "LoginLocked:15");
    const first = await lock();
    assert.ok(Math.abs(first.windowEndsAt.getTime() - Date.now() - 15 * 60_000) < 60_000);
    assert.match((await signIn(stack.app.url, email, "guess-during-lock", from(address))).error ?? "", /^LoginLocked:1[45]$/);

    await endLock();
    assert.equal(await lockedAfterFiveFailures(), "LoginLocked:30");
    assert.ok(Math.abs((await lock()).windowEndsAt.getTime() - Date.now() - 30 * 60_000) < 60_000);
    await endLock();
    assert.equal(await lockedAfterFiveFailures(), "LoginLocked:60");

    // 24 hours without a lock: the count is forgotten (the sweep deletes the row once its window has ended).
    await endLock();
    await rows.update({ where: { key: `login:locks:${email}|${address}` }, data: { windowEndsAt: new Date(Date.now() - 1000) } });
    assert.equal(await lockedAfterFiveFailures(), "LoginLocked:15");
  });

  it("an address is limited across emails (30 attempts in 15 minutes)", async () => {
    const answers = [];
    for (let attempt = 0; attempt < 31; attempt++)
      answers.push((await signIn(stack.app.url, `spray-${attempt}@example.com`, "password1", from("198.51.100.99"))).error);
    assert.equal(answers.filter((error) => error === "CredentialsSignin").length, 30);
    assert.match(answers.at(-1) ?? "", /^LoginLocked/);
  });

  it("a password stored as bcrypt still signs in, and is then stored as Argon2id", async () => {
    const email = `legacy-${randomUUID()}@example.com`;
    await stack.database.db.user.create({
      data: { id: randomUUID(), email, role: "operator", passwordHash: await bcrypt.hash("legacy-password-1", 10) },
    });
    assert.equal((await signIn(stack.app.url, email, "legacy-password-1", from("192.0.2.20"))).error, null);
    const { passwordHash } = await stack.database.db.user.findUniqueOrThrow({ where: { email } });
    assert.match(passwordHash, /^\$argon2id\$/);
    assert.equal((await signIn(stack.app.url, email, "legacy-password-1", from("192.0.2.20"))).error, null);
  });
});
