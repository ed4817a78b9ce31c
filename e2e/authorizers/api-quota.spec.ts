import { expect, test } from "../fixtures/test";
import { ADMIN, createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount, type TSimCall } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { simulator } from "../fixtures/stack";

test.describe("[PROXY][QUOTA]", () => {
  test("[PROXY][QUOTA]: an admin reads an account's API quota and resets it after confirming; the platform's on Settings", async ({
    page,
  }) => {
    const account = await newAccount("official_account");
    await signIn(page, ADMIN);
    await authorizeAccount(page, account, [1, 2]);

    await page.goto(`/authorizers/${account.appid}`);
    const panel = page.getByRole("region", { name: "接口调用额度" });
    await panel.getByLabel("接口路径").fill("/cgi-bin/menu/get");
    await panel.getByRole("button", { name: "查询额度" }).click();
    await expect(panel.getByTestId("api-quota")).toContainText(/今日已用 \d+ \/ \d+，剩余 \d+/);

    await panel.getByRole("button", { name: "重置额度…" }).click();
    await panel.getByRole("button", { name: /确认重置/ }).click();
    await expect(panel.getByRole("status").filter({ hasText: "已重置" })).toBeVisible();
    const clears = (await simulator<TSimCall[]>("/calls?api=clear_quota")).filter(
      (call) => (call.body as { appid?: string } | null)?.appid === account.appid && call.errcode === 0,
    );
    expect(clears, "one reset went to WeChat for this account").toHaveLength(1);
    await saveScreenshot(page, "authorizer-quota");

    await page.goto("/settings");
    const platform = page.getByRole("region", { name: "平台接口调用额度" });
    await platform.getByRole("button", { name: "查询额度" }).click();
    await expect(platform.getByTestId("api-quota")).toContainText(/今日已用 \d+ \/ \d+/);

    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto(`/authorizers/${account.appid}`);
    await expect(page.getByRole("heading", { name: account.nickName, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "接口调用额度" })).toHaveCount(0);
  });
});
