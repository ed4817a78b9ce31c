import { expect, test } from "../fixtures/test";
import { createOperator, signIn } from "../fixtures/auth";
import { saveScreenshot } from "../fixtures/screenshot";

test.describe("[API][REFERENCE]", () => {
  test("[API][REFERENCE]: an operator opens the API page from the menu and reads each route's role, parameters and errors", async ({
    page,
  }) => {
    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto("/overview");

    await page.getByRole("link", { name: "接口", exact: true }).first().click();
    await expect(page.getByRole("heading", { name: "接口文档", level: 1 })).toBeVisible();
    const authorizers = page.getByRole("region", { name: "authorizers" });
    const tokenRead = authorizers.getByTestId("api-operation").filter({ hasText: "/api/v1/authorizers/{appid}/access-token" }).first();
    await expect(tokenRead).toContainText("角色: operator");
    await expect(tokenRead).toContainText("appid (path)");
    await expect(tokenRead).toContainText(/错误状态码: .*401.*403.*404.*409/);
    const links = page.getByRole("region", { name: "authorization" });
    await expect(links.getByTestId("api-operation").first()).toContainText("authType");
    await expect(page.getByRole("link", { name: "下载 OpenAPI 文档" })).toHaveAttribute("href", "/api/v1/openapi.json");
    await saveScreenshot(page, "api-reference");
  });
});
