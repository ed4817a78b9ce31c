import { expect, test } from "@playwright/test";
import { ADMIN } from "../fixtures/auth";

test.describe("[AUTH][HARDENING]", () => {
  for (const hostile of ["/%5Cevil.example", "/%5C%2Fevil.example", "/%09/evil.example", "//evil.example"]) {
    test(`[AUTH][HARDENING]: signing in from /login?callbackUrl=${hostile} stays on this site`, async ({ page }) => {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${hostile}`);
      await page.getByLabel("邮箱").fill(ADMIN.email);
      await page.getByLabel("密码").fill(ADMIN.password);
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
    });
  }

  test("[AUTH][HARDENING]: pages and routes carry the security headers; only the merchant's pages may be framed", async ({ request }) => {
    for (const path of ["/login", "/api/health"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"], path).toContain("max-age=");
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
    const merchant = (await request.get("/authorize/no-such-invitation-token-0000")).headers();
    expect(merchant["content-security-policy"]).not.toContain("frame-ancestors");
    expect(merchant["referrer-policy"], "WeChat checks the Referer of the merchant's page: the browser's own policy").toBeUndefined();
    expect(merchant["x-content-type-options"]).toBe("nosniff");
  });
});
