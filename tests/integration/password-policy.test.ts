import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createTestDatabase } from "../helpers/database";
import { startApp } from "../helpers/app";
import { signIn } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The password policy through the real set-password page: the form is posted the way a browser without JavaScript
// posts it (its hidden server-action fields included), so the page's own server action answers.

let stack: TStack;

before(async () => {
  stack = await startStack();
  stack.shareEnvironment({ LOG_LEVEL: "error" });
});

after(async () => stack?.stop());

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Opens the page and submits its form with these password fields; answers the response (redirects not followed). */
const submitSetPassword = async (path: string, fields: { password: string; confirmation: string }, language: string) => {
  const page = await fetch(`${stack.app.url}${path}`, { headers: { "accept-language": language } });
  const html = await page.text();
  const form = new FormData();
  for (const input of html.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) form.append(decode(name), decode(/value="([^"]*)"/.exec(input)?.[1] ?? ""));
  }
  assert.ok(
    [...form.keys()].some((key) => key.startsWith("$ACTION")),
    "the form carries its server action",
  );
  form.append("password", fields.password);
  form.append("confirmation", fields.confirmation);
  return fetch(`${stack.app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "accept-language": language, origin: stack.app.url },
    body: form,
  });
};

const invite = async () => {
  const { inviteUser } = await import("../../lib/platform/users/invite-user");
  const email = `policy-${randomUUID()}@example.com`;
  const { link } = await inviteUser({ email, role: "operator", actor: "test" });
  return { email, path: new URL(link).pathname };
};

describe("[AUTH][PASSWORD-POLICY] setting a password", () => {
  it("refuses a short or common password in the reader's language, changes nothing, then accepts a good one", async () => {
    const { email, path } = await invite();
    const hashBefore = (await stack.database.db.user.findUniqueOrThrow({ where: { email } })).passwordHash;

    const common = await submitSetPassword(path, { password: "Qwerty123456", confirmation: "Qwerty123456" }, "en");
    assert.equal(common.status, 200);
    assert.match(await common.text(), /This password is on a list of common passwords that attackers try first; choose another\./);

    const short = await submitSetPassword(path, { password: "春眠不觉晓处处闻啼鸟", confirmation: "春眠不觉晓处处闻啼鸟" }, "zh-CN");
    assert.match(await short.text(), /密码至少需要 12 个字符。/);

    const differ = await submitSetPassword(path, { password: "a-long-enough-password", confirmation: "a-long-enough-passw0rd" }, "en");
    assert.match(await differ.text(), /The two passwords differ/);

    assert.equal((await stack.database.db.user.findUniqueOrThrow({ where: { email } })).passwordHash, hashBefore, "nothing was set");
    assert.notEqual((await signIn(stack.app.url, email, "Qwerty123456")).error, null);

    // Twelve Chinese characters are twelve characters (code points, not bytes or UTF-16 units).
    const good = "春眠不觉晓处处闻啼鸟夜来";
    const accepted = await submitSetPassword(path, { password: good, confirmation: good }, "zh-CN");
    assert.equal(accepted.status, 303);
    assert.match(accepted.headers.get("location") ?? "", /\/login\?passwordSet=1$/);
    assert.equal((await signIn(stack.app.url, email, good)).error, null);
  });

  it("an existing user whose password predates the policy still signs in", async () => {
    const { hashPassword } = await import("../../lib/auth/password");
    const email = `older-${randomUUID()}@example.com`;
    await stack.database.db.user.create({
      data: { id: randomUUID(), email, role: "operator", passwordHash: await hashPassword("short-pw") },
    });
    assert.equal((await signIn(stack.app.url, email, "short-pw")).error, null);
  });

  it("an instance with no user yet refuses to start with a common ADMIN_PASSWORD, naming the variable", async () => {
    const database = await createTestDatabase();
    try {
      await assert.rejects(
        startApp({ databaseUrl: database.url, simulatorUrl: stack.simulator.url, env: { ADMIN_PASSWORD: "administrator" } }),
        /ADMIN_PASSWORD: This password is on a list of common passwords/,
      );
      assert.equal(await database.db.user.count(), 0);
    } finally {
      await database.drop();
    }
  });
});
