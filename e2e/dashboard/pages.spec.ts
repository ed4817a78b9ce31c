import { expect, test } from "../fixtures/test";
import { ADMIN, createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount, pushTicket } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";

test.describe("[DASHBOARD][PAGES]", () => {
  test("[DASHBOARD][PAGES]: every main page renders its data, on a desktop and at 375 px", async ({ page }) => {
    const accounts = [await newAccount("official_account"), await newAccount("mini_program"), await newAccount("official_account")];
    await signIn(page);
    await pushTicket();
    for (const [index, account] of accounts.entries())
      await authorizeAccount(page, account, index === 1 ? [17, 18, 19, 20] : [1, 2, 3, 4, 7, 11]);

    await page.goto("/overview");
    await expect(page.getByRole("img", { name: "未来 2 小时的令牌过期分布" })).toBeVisible();
    await expect(page.getByText("最新 component_verify_ticket")).toBeVisible();
    await expect(page.getByRole("timer")).toHaveText(/^\d:\d\d:\d\d$/);
    await saveScreenshot(page, "overview");

    await page.goto("/authorizers");
    await expect(
      page.getByRole("row").filter({ hasText: accounts[1].appid }).getByText("开发管理与数据分析权限（小程序）", { exact: true }),
    ).toBeVisible();
    await saveScreenshot(page, "authorizers");

    await page.goto(`/authorizers?kind=mini_program&q=${accounts[1].appid}`);
    await expect(page.getByRole("row")).toHaveCount(2);

    await page.goto("/events");
    await expect(page.getByRole("cell", { name: "authorization.exchanged" }).first()).toBeVisible();
    await expect(
      page
        .getByRole("cell")
        .filter({ hasText: /^商户完成授权/ })
        .first(),
    ).toBeVisible();
    await saveScreenshot(page, "events");

    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
    const keys = page.getByRole("region", { name: "API 密钥" });
    await keys.getByLabel("名称").fill("e2e reporting");
    await keys.getByLabel("有效期").selectOption({ label: "90 天" });
    await keys.getByRole("button", { name: "创建密钥" }).click();
    await expect(keys.getByLabel("e2e reporting", { exact: true })).toHaveText(/\S{20,}/);
    const created = keys.getByRole("listitem").filter({ hasText: "e2e reporting" });
    await expect(created).toContainText(`创建人: ${ADMIN.email}`);
    await expect(created).toContainText(/过期时间: \d{4}/);
    await saveScreenshot(page, "settings");

    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/authorizers");
    await expect(page.getByText("菜单", { exact: true })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: accounts[0].appid })).toBeVisible();
    await saveScreenshot(page, "authorizers-phone");
    await page.goto("/overview");
    await saveScreenshot(page, "overview-phone");
    await page.goto(`/authorizers/${accounts[0].appid}`);
    await expect(page.getByRole("heading", { name: accounts[0].nickName, level: 1 })).toBeVisible();
    await saveScreenshot(page, "authorizer-detail-phone");
    await page.getByText("菜单", { exact: true }).click();
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "事件" }).click();
    await expect(page.getByRole("heading", { name: "事件", level: 1 })).toBeVisible();
  });

  test("[DASHBOARD][PAGES]: an operator sees 403 on Settings and no Settings link", async ({ page }) => {
    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "设置" })).toHaveCount(0);
  });

  test("[DASHBOARD][PAGES]: a disabled user's session stops working at the next request", async ({ page, browser }) => {
    const operator = await createOperator(page);
    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, operator);
    await operatorPage.goto("/overview");
    await expect(operatorPage.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();

    await signIn(page);
    await page.goto("/settings");
    await page.getByRole("button", { name: `停用: ${operator.email}` }).click();
    await expect(page.getByRole("listitem").filter({ hasText: operator.email }).getByText("已停用")).toBeVisible();

    await operatorPage.goto("/overview");
    await expect(operatorPage).toHaveURL(/\/login/);
    await operatorContext.close();
  });
});
