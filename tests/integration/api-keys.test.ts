import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// An API key acts for the person who made it: disabling them, or lowering their role, revokes what they may no longer
// do, as an event, and the Settings page says who made each key, when it was last used and when it expires.

let stack: TStack;
let lib: {
  createApiKey: typeof import("../../lib/auth/api-keys").createApiKey;
  updateUser: typeof import("../../lib/platform/users/update-user").updateUser;
  hashPassword: typeof import("../../lib/auth/password").hashPassword;
};
const db = () => stack.database.db;
const ACTOR = { id: "admin-test", label: "test" };

/** The status /api/v1/component answers this key (reader and up may read it). */
const statusFor = async (key: string) =>
  (await fetch(`${stack.app.url}/api/v1/component`, { headers: { authorization: `Bearer ${key}` } })).status;

/** The app trusts a verified key for 2 seconds: wait until it answers `status`. */
const answersEventually = (key: string, status: number, what: string) =>
  eventually(async () => ((await statusFor(key)) === status ? true : undefined), what, 10_000);

const newAdmin = async () => {
  const user = { id: randomUUID(), email: `keys-${randomUUID()}@example.com` };
  await db().user.create({
    data: { ...user, role: "admin", passwordHash: await lib.hashPassword(`long-enough-password-${randomUUID()}`) },
  });
  return user;
};

before(async () => {
  stack = await startStack();
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  lib = {
    ...(await import("../../lib/auth/api-keys")),
    ...(await import("../../lib/platform/users/update-user")),
    ...(await import("../../lib/auth/password")),
  };
  await stack.ready();
});

after(async () => stack?.stop());

describe("[API-KEYS] keys outlive nobody", () => {
  it("[API-KEYS][CREATOR] a lower role revokes the creator's keys above it; disabling revokes the rest; each is an event", async () => {
    const creator = await newAdmin();
    const keys = {
      admin: (await lib.createApiKey({ name: "ci admin", role: "admin", createdById: creator.id })).key,
      operator: (await lib.createApiKey({ name: "ci operator", role: "operator", createdById: creator.id })).key,
      reader: (await lib.createApiKey({ name: "ci reader", role: "reader", createdById: creator.id })).key,
    };
    const cliKey = (await lib.createApiKey({ name: "from the cli", role: "admin" })).key;
    for (const key of [...Object.values(keys), cliKey]) assert.equal(await statusFor(key), 200);

    await lib.updateUser({ userId: creator.id, role: "operator", actor: ACTOR });
    await answersEventually(keys.admin, 401, "the admin key stops when its creator becomes an operator");
    assert.equal(await statusFor(keys.operator), 200, "a key at the creator's new role keeps working");
    assert.equal(await statusFor(keys.reader), 200);
    const demoted = await db().apiKey.findMany({ where: { createdById: creator.id, revokedAt: { not: null } } });
    assert.deepEqual(
      demoted.map((key) => [key.role, key.revokedReason]),
      [["admin", "creator_demoted"]],
    );

    await lib.updateUser({ userId: creator.id, isDisabled: true, actor: ACTOR });
    // Each key stops when the app's cache of it lapses (VERIFIED_KEY_CACHE_MS after it was last checked).
    await answersEventually(keys.operator, 401, "every key stops when its creator is disabled");
    await answersEventually(keys.reader, 401, "the reader key stops too");
    assert.equal(await statusFor(cliKey), 200, "keys made by others (the CLI) are untouched");
    const revoked = await db().apiKey.findMany({ where: { createdById: creator.id }, orderBy: { role: "asc" } });
    assert.deepEqual(
      revoked.map((key) => [key.role, key.revokedReason]),
      [
        ["admin", "creator_demoted"],
        ["operator", "creator_disabled"],
        ["reader", "creator_disabled"],
      ],
    );
    const events = await db().event.findMany({ where: { kind: "admin.action", message: { contains: creator.email } } });
    assert.equal(events.filter((event) => event.message.startsWith("API key")).length, 3, "one event per revoked key");

    // Enabling the creator again does not bring a key back.
    await lib.updateUser({ userId: creator.id, isDisabled: false, actor: ACTOR });
    assert.equal(await statusFor(keys.reader), 401);
  });

  it("[API-KEYS][EXPIRY] a key chosen to expire stops then; a bad lifetime is refused and creates nothing", async () => {
    const { id, key, expiresAt } = await lib.createApiKey({ name: "expiring", role: "reader", expiresInDays: 30 });
    assert.ok(expiresAt && Math.abs(expiresAt.getTime() - Date.now() - 30 * 86_400_000) < 60_000);
    assert.equal(await statusFor(key), 200);
    await db().apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await answersEventually(key, 401, "an expired key is refused");

    const count = await db().apiKey.count();
    for (const expiresInDays of [0, -1, 1.5, 100_000]) {
      await assert.rejects(lib.createApiKey({ name: "bad", role: "reader", expiresInDays }), /expiry must be/);
    }
    assert.equal(await db().apiKey.count(), count);
  });

  it("[API-KEYS][SETTINGS] Settings shows who made each key, when it expires, and why it was revoked", async () => {
    const creator = await newAdmin();
    await lib.createApiKey({ name: "shown on settings", role: "admin", createdById: creator.id, expiresInDays: 90 });
    await lib.updateUser({ userId: creator.id, isDisabled: true, actor: ACTOR });
    const { cookie } = await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await fetch(`${stack.app.url}/settings`, { headers: { cookie, "accept-language": "en" } })).text();
    const row = /<li[^>]*>(?:(?!<\/li>)[\s\S])*shown on settings[\s\S]*?<\/li>/.exec(html)?.[0] ?? "";
    assert.match(row, new RegExp(creator.email.replace(/[.]/g, "\\.")), "the creator is named");
    assert.match(row, /(Expires|过期时间)/);
    assert.match(row, /(Revoked automatically: its creator was disabled|创建人已被停用)/);
  });
});
