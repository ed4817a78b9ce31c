import { expect, test } from "../fixtures/test";
import { ADMIN, createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount, wechatCalls } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";

test.describe("[AUTHORIZERS][REFRESH]", () => {
  test("[AUTHORIZERS][REFRESH]: an admin forces a refresh and sees the new expiry", async ({ page }) => {
    const account = await newAccount("mini_program");
    await signIn(page, ADMIN);
    await authorizeAccount(page, account, [17, 18, 19]);
    const callsBefore = (await wechatCalls("api_authorizer_token", account.appid)).length;

    await page.goto(`/authorizers/${account.appid}`);
    await expect(page.getByRole("heading", { name: account.nickName, level: 1 })).toBeVisible();
    const scopes = page.getByRole("region", { name: "已授权的权限集" });
    await expect(scopes.getByRole("row", { name: /18 开发管理与数据分析权限（小程序）/ })).toBeVisible();
    await page.getByRole("button", { name: "强制刷新令牌" }).click();

    await expect(page.getByRole("status").filter({ hasText: /^已刷新，新的过期时间：/ })).toBeVisible();
    expect((await wechatCalls("api_authorizer_token", account.appid)).length).toBe(callsBefore + 1);
    const token = page.getByRole("region", { name: "令牌状态" });
    await expect(token.getByText(/^(1 小时 5\d 分钟|2 小时)后$/)).toBeVisible();
    await expect(token.getByText("成功", { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "事件记录" }).getByText("token.refreshed").first()).toBeVisible();
    await saveScreenshot(page, "authorizer-detail");
  });

  test("[AUTHORIZERS][REFRESH]: an operator gets no button and the server answers 403", async ({ page }) => {
    const account = await newAccount("official_account");
    const operator = await createOperator(page);
    await authorizeAccount(page, account, [1, 2]);
    await signIn(page, operator);

    await page.goto(`/authorizers/${account.appid}`);
    await expect(page.getByRole("heading", { name: account.nickName, level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "生成重新授权链接" })).toBeVisible();
    await expect(page.getByRole("button", { name: "强制刷新令牌" })).toHaveCount(0);

    const callsBefore = (await wechatCalls("api_authorizer_token", account.appid)).length;
    const response = await page.request.post(`/api/admin/authorizers/${account.appid}/refresh`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Only an admin may do this." } });
    expect((await wechatCalls("api_authorizer_token", account.appid)).length).toBe(callsBefore);

    await page.context().clearCookies();
    expect((await page.request.post(`/api/admin/authorizers/${account.appid}/refresh`)).status()).toBe(401);
  });
});
