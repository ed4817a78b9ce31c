import { expect, test } from "../fixtures/test";
import { createOperator, signIn } from "../fixtures/auth";
import { newAccount, pushTicket } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";

test.describe("[INVITE][OPERATOR]", () => {
  test("[INVITE][OPERATOR]: an operator's invitation is completed by the merchant and the account appears with its scopes and expiry", async ({
    page,
  }) => {
    const account = await newAccount("official_account");
    const operator = await createOperator(page);
    await signIn(page, operator);
    await pushTicket();

    await page.goto("/invite");
    await expect(page.getByRole("heading", { name: "发起授权", level: 1 })).toBeVisible();
    const miniProgramScope = page.getByRole("checkbox", { name: "微信登录权限（小程序）", exact: true });
    await expect(miniProgramScope).toBeVisible();
    await page.getByRole("radio", { name: "仅公众号" }).check();
    // Official accounts only: the mini-program permission sets do not apply and are not offered.
    await expect(miniProgramScope).toBeHidden();
    await page.getByLabel("指定 AppID（可选）").fill(account.appid);
    await page.getByRole("checkbox", { name: "消息管理权限", exact: true }).check();
    await page.getByRole("checkbox", { name: "用户管理权限", exact: true }).check();
    await page.getByRole("checkbox", { name: "素材管理权限", exact: true }).check();
    await page.getByRole("button", { name: "生成邀请" }).click();

    const result = page.getByRole("region", { name: "邀请已生成" });
    await expect(result.getByRole("textbox", { name: "邀请链接" })).toHaveValue(/\/authorize\/[\w-]+$/);
    await expect(result.getByRole("img", { name: "邀请链接二维码" })).toBeVisible();
    await saveScreenshot(page, "invite");

    // The merchant's admin opens WeChat's PC page from ours (the Referer WeChat checks) and confirms.
    await result.getByRole("button", { name: "在电脑上打开授权页" }).click();
    await page.getByRole("button", { name: `授权 ${account.nickName}` }).click();
    await expect(page).toHaveURL(/\/authorize\/done\//);

    await page.goto(`/authorizers?q=${account.appid}`);
    const row = page.getByRole("row").filter({ hasText: account.appid });
    await expect(row.getByRole("link", { name: account.nickName })).toBeVisible();
    await expect(row.getByText("已授权", { exact: true })).toBeVisible();
    await expect(row.getByText("公众号", { exact: true })).toBeVisible();
    for (const scope of ["消息管理权限", "用户管理权限", "素材管理权限"]) await expect(row.getByText(scope, { exact: true })).toBeVisible();
    await expect(row.getByText(/^(1 小时 5\d 分钟|2 小时)后$/)).toBeVisible();
  });
});
