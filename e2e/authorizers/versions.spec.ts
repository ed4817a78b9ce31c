import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { ADMIN, createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { simulator } from "../fixtures/stack";

// 版本管理 in a browser (issue 22): a template from the library committed, its trial QR, a rejected review with its
// reason, a passed one released, and a rollback, against the simulator (which decides reviews when told).

/** WeChat's privacy check after a commit lasts 60 simulated seconds. */
const skipPrivacyCheck = () => simulator("/clock", { body: { advanceSeconds: 61 } });

const decide = (appid: string, outcome: "pass" | "fail", reason?: string) =>
  simulator(`/mini-programs/${appid}/audit-decision`, { body: { outcome, reason, wait: true } });

const commit = async (page: Page, panel: Locator, version: string) => {
  await panel.getByLabel("版本号").fill(version);
  await panel.getByLabel("版本描述").fill(`版本 ${version} 说明`);
  await panel.getByRole("button", { name: "提交代码" }).click();
  await expect(panel.getByTestId("version-trial")).toContainText(`版本 ${version}`);
};

const submitForReview = async (panel: Locator) => {
  await panel.getByRole("form", { name: "提交审核" }).getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByTestId("version-review")).toContainText("审核中");
};

test.describe("[MINI-PROGRAMS][VERSIONS]", () => {
  test("[MINI-PROGRAMS][VERSIONS]: commit, trial QR, a rejection with its reason, a pass released by an admin, a rollback", async ({
    page,
  }) => {
    const account = await newAccount("mini_program");
    await signIn(page, ADMIN);
    await authorizeAccount(page, account, [17, 18, 19]);
    const { draftId } = await simulator<{ draftId: number }>("/template-drafts", {
      body: { userVersion: "9.9.0", userDesc: `商城 ${account.appid}` },
    });

    // The draft goes into the library on the Templates page.
    await page.goto("/templates");
    await page.getByTestId(`draft-${draftId}`).getByRole("button", { name: "添加到模板库" }).click();
    await expect(page.getByRole("region", { name: "模板", exact: true })).toContainText(`商城 ${account.appid}`);

    await page.goto(`/authorizers/${account.appid}`);
    const panel = page.getByRole("region", { name: "版本管理" });
    const { templates } = await simulator<{ templates: { templateId: number; draftId: number }[] }>("/template-library");
    const template = templates.find((item) => item.draftId === draftId)!;
    await panel.getByLabel("模板").selectOption(String(template.templateId));
    await expect(panel.getByTestId("ext-json-preview")).toContainText(account.appid);
    await commit(page, panel, "1.0.0");
    const qr = panel.getByTestId("version-trial").getByRole("img");
    await expect(qr).toBeVisible();
    await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

    await skipPrivacyCheck();
    await page.reload();
    await submitForReview(panel);
    await decide(account.appid, "fail", "1:首页缺少服务说明<br>(1):请补充");
    await page.reload();
    await expect(panel.getByTestId("version-review")).toContainText("审核未通过");
    await expect(panel.getByTestId("audit-reason")).toContainText("首页缺少服务说明");
    await saveScreenshot(page, "versions-rejected");

    await commit(page, panel, "1.0.1");
    await skipPrivacyCheck();
    await page.reload();
    await submitForReview(panel);
    await decide(account.appid, "pass");
    await page.reload();
    await expect(panel.getByTestId("version-review")).toContainText("审核通过");
    await panel.getByRole("button", { name: "发布", exact: true }).click();
    await panel.getByRole("button", { name: "确认发布 1.0.1" }).click();
    await expect(panel.getByTestId("version-released")).toContainText("版本 1.0.1");

    // A second release, then back to 1.0.1.
    await commit(page, panel, "1.0.2");
    await skipPrivacyCheck();
    await page.reload();
    await submitForReview(panel);
    await decide(account.appid, "pass");
    await page.reload();
    await panel.getByRole("button", { name: "发布", exact: true }).click();
    await panel.getByRole("button", { name: "确认发布 1.0.2" }).click();
    await expect(panel.getByTestId("version-released")).toContainText("版本 1.0.2");
    const rollback = panel.getByRole("form", { name: "回退" });
    await rollback.getByRole("button", { name: "回退" }).click();
    await rollback.getByRole("button", { name: "确认回退" }).click();
    await expect(panel.getByTestId("version-released")).toContainText("版本 1.0.1");
    await expect(panel.getByRole("button", { name: "发布", exact: true }), "1.0.2 was released once already (85052)").toHaveCount(0);
    await saveScreenshot(page, "versions-released");

    // Operators commit and submit, but see no release or rollback.
    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto(`/authorizers/${account.appid}`);
    await expect(panel.getByRole("button", { name: "提交代码" })).toBeVisible();
    await expect(panel.getByRole("form", { name: "回退" })).toHaveCount(0);
    await expect(panel).toContainText("只有管理员可以操作");
  });
});
