import { expect, test } from "../fixtures/test";
import { signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount } from "../fixtures/merchants";
import { simulator } from "../fixtures/stack";

test.describe("[AUTHORIZERS][LIST]", () => {
  test("[AUTHORIZERS][LIST]: an unauthorized push shows the account as 已取消授权", async ({ page }) => {
    const account = await newAccount("official_account");
    await signIn(page);
    await authorizeAccount(page, account, [1, 3]);

    await page.goto(`/authorizers?q=${account.appid}`);
    const row = page.getByRole("row").filter({ hasText: account.appid });
    await expect(row.getByText("已授权", { exact: true })).toBeVisible();

    await simulator(`/authorizations/${account.appid}/cancel`, { body: {} });
    await expect(async () => {
      await page.reload();
      await expect(row.getByText("已取消授权", { exact: true })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });

    await page.getByLabel("状态").selectOption("unauthorized");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/status=unauthorized/);
    await expect(page.getByRole("row").filter({ hasText: account.appid })).toBeVisible();
  });
});
