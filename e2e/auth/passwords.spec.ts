import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { ADMIN, createOperator, setPasswordThroughLink, signIn, signInThroughApi } from "../fixtures/auth";
import { saveScreenshot } from "../fixtures/screenshot";

/** Whether an email and password sign in (through next-auth's API, in a fresh cookie jar). */
const canSignIn = async (page: Page, email: string, password: string) => {
  await page.context().clearCookies();
  try {
    await signInThroughApi(page.request, { email, password });
    return true;
  } catch {
    return false;
  }
};

test.describe("[AUTH][PASSWORDS]", () => {
  test("[AUTH][PASSWORDS]: a user changes their own password on /account; the current one is required", async ({ page }) => {
    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto("/overview");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "帐号" }).click();
    await expect(page).toHaveURL(/\/account$/);

    await page.getByLabel("当前密码").fill("not-my-password");
    await page.getByLabel(/^新密码$/).fill("brand-new-password-1");
    await page.getByLabel("再次输入新密码").fill("brand-new-password-1");
    await page.getByRole("button", { name: "保存密码" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The current password is not right." })).toBeVisible();

    // Long enough for the form, but on the list of common passwords: refused, in the reader's language.
    await page.getByLabel("当前密码").fill(operator.password);
    await page.getByLabel(/^新密码$/).fill("Qwerty123456");
    await page.getByLabel("再次输入新密码").fill("Qwerty123456");
    await page.getByRole("button", { name: "保存密码" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "这是攻击者最先尝试的常见密码之一，请换一个。" })).toBeVisible();
    await expect(page.getByText("至少 12 个字符，且不能是常见密码。")).toBeVisible();

    await page.getByLabel("当前密码").fill(operator.password);
    await page.getByLabel(/^新密码$/).fill("brand-new-password-1");
    await page.getByLabel("再次输入新密码").fill("brand-new-password-1");
    await page.getByRole("button", { name: "保存密码" }).click();
    await expect(page.getByRole("status").filter({ hasText: "密码已修改" })).toBeVisible();
    await saveScreenshot(page, "account");

    expect(await canSignIn(page, operator.email, operator.password)).toBe(false);
    expect(await canSignIn(page, operator.email, "brand-new-password-1")).toBe(true);
  });

  test("[AUTH][PASSWORDS]: an admin resets a password: the old one stops working, the one-time link sets a new one once", async ({
    page,
  }) => {
    const operator = await createOperator(page);
    await signIn(page, ADMIN);
    await page.goto("/settings");
    await page.getByRole("button", { name: `重置密码: ${operator.email}` }).click();
    const link = (await page.getByLabel(`设置密码链接: ${operator.email}`).textContent())?.trim() ?? "";
    await saveScreenshot(page, "settings-reset-password");
    expect(link).toMatch(/\/set-password\//);

    expect(await canSignIn(page, operator.email, operator.password)).toBe(false);
    await setPasswordThroughLink(page, link, "after-reset-password-1");
    await expect(page.getByRole("status").filter({ hasText: "密码已设置" })).toBeVisible();
    expect(await canSignIn(page, operator.email, "after-reset-password-1")).toBe(true);

    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByRole("alert").filter({ hasText: "这个链接已使用" })).toBeVisible();
  });
});
