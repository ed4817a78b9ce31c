import { expect, test } from "../fixtures/test";
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
    const login = (await request.get("/login")).headers()["content-security-policy"];
    expect(login).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'; /);
    expect(login).not.toContain("unsafe-eval");
    const merchant = (await request.get("/authorize/no-such-invitation-token-0000")).headers();
    expect(merchant["content-security-policy"]).not.toContain("frame-ancestors");
    expect(merchant["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'; /);
    expect(merchant["referrer-policy"], "WeChat checks the Referer of the merchant's page: the browser's own policy").toBeUndefined();
    expect(merchant["x-content-type-options"]).toBe("nosniff");
  });

  test("[AUTH][HARDENING]: a script injected into a page's HTML does not run, and the browser tests see the violation", async ({
    page,
    cspViolations,
  }) => {
    // As if the server had echoed an attacker's markup: the real answer (and its policy), one inline script added.
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("</body>", "<script>document.body.dataset.injected = 'ran'</script></body>");
      await route.fulfill({ response, body: html });
    });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    expect(cspViolations.join("\n")).toContain("script-src");
    cspViolations.length = 0; // provoked on purpose; any other violation still fails the test
  });
});
