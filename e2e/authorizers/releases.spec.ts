import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { simulator } from "../fixtures/stack";

// 发布 in a browser (issue 22): the wizard previews the plan and the first account's ext_json, the campaign page's
// counts move live as the accounts are committed, submitted, pass review and are released.

test.describe("[RELEASES][CAMPAIGN]", () => {
  test("[RELEASES][CAMPAIGN]: an admin previews and starts a campaign over two Mini Programs and watches it complete", async ({ page }) => {
    // Reviews decided by this test, and no privacy-check wait (restored after).
    await simulator("/config", { method: "PATCH", body: { reviewSeconds: 0, privacyScanSeconds: 0 } });
    try {
      const accounts = [await newAccount("mini_program"), await newAccount("mini_program")];
      await signIn(page, ADMIN);
      for (const account of accounts) await authorizeAccount(page, account, [17, 18]);
      const { draftId } = await simulator<{ draftId: number }>("/template-drafts", {
        body: { userVersion: "7.0.0", userDesc: "campaign" },
      });
      await page.goto("/templates");
      await page.getByTestId(`draft-${draftId}`).getByRole("button", { name: "添加到模板库" }).click();
      await expect(page.getByRole("region", { name: "模板", exact: true })).toContainText("7.0.0");
      const { templates } = await simulator<{ templates: { templateId: number; draftId: number }[] }>("/template-library");
      const templateId = templates.find((item) => item.draftId === draftId)!.templateId;

      await page.goto("/releases");
      const form = page.getByRole("form", { name: "新建发布任务" });
      await form.getByLabel("名称").fill(`campaign ${draftId}`);
      await form.getByLabel("模板", { exact: true }).selectOption(String(templateId));
      await form.getByLabel("版本号").fill("7.0.0");
      await form.getByLabel("版本描述").fill("两个小程序");
      await form.getByLabel(/指定 AppID/).check();
      await form.getByLabel("AppID 列表").fill(accounts.map((account) => account.appid).join("\n"));
      await form.getByLabel("审核通过后自动发布").check();
      await form.getByRole("button", { name: "预览" }).click();
      const plan = form.getByTestId("release-plan");
      await expect(plan).toContainText("共 2 个小程序");
      await expect(plan).toContainText(accounts[0].appid);
      await form.getByRole("button", { name: "开始发布" }).click();

      await expect(page).toHaveURL(/\/releases\/[0-9a-f-]{36}/);
      await expect(page.getByRole("heading", { name: `campaign ${draftId}` })).toBeVisible();
      await expect(page.getByTestId("state-in_review")).toContainText("2", { timeout: 30_000 });
      for (const account of accounts)
        await simulator(`/mini-programs/${account.appid}/audit-decision`, { body: { outcome: "pass", wait: true } });
      await expect(page.getByTestId("state-released")).toContainText("2", { timeout: 30_000 });
      await expect(page.getByTestId("release-done")).toContainText("2 / 2");
      await expect(page.getByText("已完成", { exact: true })).toBeVisible({ timeout: 15_000 });
      await saveScreenshot(page, "release-campaign");
    } finally {
      await simulator("/config", { method: "PATCH", body: { reviewSeconds: 30, privacyScanSeconds: 60 } });
    }
  });
});
