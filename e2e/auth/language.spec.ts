import { expect, test } from "../fixtures/test";
import { signIn } from "../fixtures/auth";

test.describe("[AUTH][LANGUAGE]", () => {
  test("[AUTH][LANGUAGE]: follows the browser's language and switches between 中文 and English", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page);
    await page.goto("/overview");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "EN" }).click();
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await context.close();
  });
});
