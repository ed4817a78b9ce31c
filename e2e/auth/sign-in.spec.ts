import { expect, test } from "../fixtures/test";
import { ADMIN } from "../fixtures/auth";
import { saveScreenshot } from "../fixtures/screenshot";

test.describe("[AUTH][SIGN-IN]", () => {
  test("[AUTH][SIGN-IN]: sends a signed-out visitor to /login and says so when the password is wrong", async ({ page }) => {
    await page.goto("/authorizers");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "登录 wxopen" })).toBeVisible();
    await saveScreenshot(page, "login");

    await page.getByLabel("邮箱").fill(ADMIN.email);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "邮箱或密码不正确。" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("[AUTH][SIGN-IN]: signs in with the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, then signs out", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(ADMIN.email);
    await page.getByLabel("密码").fill(ADMIN.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/overview");
    await expect(page).toHaveURL(/\/login/);
  });

  test("[AUTH][SIGN-IN]: locks an email after five wrong passwords with a clear message", async ({ page }) => {
    const email = `nobody-${Date.now()}@e2e.test`;
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(email);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("密码").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    }
    await expect(page.getByRole("alert").filter({ hasText: "失败次数过多，请在 15 分钟后再试。" })).toBeVisible();
  });
});
