import { expect, test } from "../fixtures/test";
import type { Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { ADMIN, createOperator, signIn, type TCredentials } from "../fixtures/auth";
import { saveScreenshot } from "../fixtures/screenshot";

// What an authenticator app would show: the code for an instant, from the key the Account page displays.
const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });

/** Six digits that are no code of the window around now. */
const wrongCode = (secret: string) => {
  const valid = [-60_000, -30_000, 0, 30_000, 60_000].map((offset) => codeAt(secret, Date.now() + offset));
  let code = 123456;
  while (valid.includes(String(code))) code += 1;
  return String(code);
};

/** The sign-in form's first step; the page then asks for the code. */
const enterPassword = async (page: Page, { email, password }: TCredentials) => {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("输入验证器应用中 wxopen 的 6 位验证码")).toBeVisible();
};

const signOut = async (page: Page) => {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
};

test.describe("[AUTH][SECOND-FACTOR]", () => {
  test("[AUTH][SECOND-FACTOR]: set up on /account with the QR code's key, then sign-in asks for the code; a wrong code is refused and counted", async ({
    page,
  }) => {
    // An invitation, two sign-ins and five failures with their growing pauses (7.75 s): more than the default minute on a busy machine.
    test.slow();
    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto("/account");

    // Set up: the key shown beside the QR code is what the app would scan; a first code turns the factor on.
    const card = page.getByRole("region", { name: "两步验证", exact: true });
    await card.getByRole("button", { name: "开启两步验证" }).click();
    await expect(card.getByRole("img", { name: "两步验证二维码" })).toBeVisible();
    const secret = ((await card.getByLabel("密钥", { exact: true }).textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await saveScreenshot(page, "account-second-factor-setup");
    await card.getByLabel("验证码", { exact: true }).fill(codeAt(secret, Date.now()));
    await card.getByRole("button", { name: "确认并开启" }).click();
    const recoveryCodes = card.getByRole("list", { name: "恢复码" }).getByRole("listitem");
    await expect(recoveryCodes).toHaveCount(10);
    await expect(recoveryCodes.first()).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await saveScreenshot(page, "account-second-factor-recovery-codes");
    await card.getByRole("button", { name: "我已保存，继续" }).click();
    await expect(card.getByRole("status").filter({ hasText: "剩余 10 个恢复码" })).toBeVisible();

    // Sign out, then sign in: the password, then the code (the next step's: the setup used this one).
    await signOut(page);
    await enterPassword(page, operator);
    await saveScreenshot(page, "login-second-factor");
    await page.getByLabel("验证码").fill(codeAt(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "验证", exact: true }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();

    // A wrong code is refused and counts like a wrong password: the fifth failure locks the email.
    await signOut(page);
    await enterPassword(page, operator);
    const wrong = wrongCode(secret);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.getByLabel("验证码").fill(wrong);
      await page.getByRole("button", { name: "验证", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "验证码不正确或已用过。" })).toBeVisible();
      await expect(page.getByRole("button", { name: "验证", exact: true })).toBeEnabled();
    }
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("验证码").fill(wrong);
    await page.getByRole("button", { name: "验证", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "失败次数过多，请在 15 分钟后再试。" })).toBeVisible();

    // The admin sees the lock among the locked sign-ins, as for wrong passwords.
    await signIn(page, ADMIN);
    await page.goto("/settings");
    await expect(page.getByRole("region", { name: "被锁定的登录" }).getByText(operator.email)).toBeVisible();
  });
});
