import { newAccount, pushTicket } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { expect, test } from "./invitation-fixture";

test.describe("[AUTHORIZE][MERCHANT]", () => {
  test("[AUTHORIZE][MERCHANT]: authorizes an account from the invitation page through WeChat's page to the success page", async ({
    page,
    invitation,
  }) => {
    const account = await newAccount("official_account");
    await pushTicket();

    await page.goto(`/authorize/${invitation.token}`);
    await expect(page.getByRole("heading", { name: /授权第三方平台管理您的帐号/ })).toBeVisible();
    const requested = page.getByRole("list", { name: /申请的权限/ });
    await expect(requested.getByText("消息管理权限")).toBeVisible();
    await expect(requested.getByText("帐号服务权限")).toBeVisible();
    await expect(page.getByRole("img", { name: /用微信扫码授权/ })).toBeVisible();
    await saveScreenshot(page, "merchant-invitation");

    await page.getByRole("button", { name: /Authorize on PC/ }).click();
    // The simulator's page (WeChat's stand-in) accepted our page as Referer and lists the account.
    await page.getByRole("button", { name: `授权 ${account.nickName}` }).click();

    await expect(page.getByRole("heading", { name: /授权成功/ })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/authorize/done/${invitation.token}$`));
    await expect(page.getByText(account.nickName, { exact: true })).toBeVisible();
    await expect(page.getByRole("img", { name: new RegExp(`${account.nickName} 头像`) })).toBeVisible();
    await expect(page.getByRole("list", { name: /已授予的权限/ }).getByText("用户管理权限")).toBeVisible();
    await saveScreenshot(page, "merchant-success");

    // The invitation is spent: opening it again says so.
    await page.goto(`/authorize/${invitation.token}`);
    await expect(page.getByRole("heading", { name: /这个授权链接已失效/ })).toBeVisible();
    await expect(page.getByText(/已经使用过/)).toBeVisible();
  });
});
