import { expect, test } from "../fixtures/test";
import { createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { E2E, simulator } from "../fixtures/stack";

const STEPS = ["ticket", "authorization", "text", "api_text", "event", "cancellation"];

test.describe("[MESSAGES]", () => {
  test("[MESSAGES][RELEASE-CHECK]: the operator runs the release check from the simulator page and sees every step green on the overview", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const operator = await createOperator(page);
    await signIn(page, operator);

    await page.goto(`${E2E.simulatorUrl}/__sim/`);
    await page.getByRole("button", { name: /Run the release check/ }).click();
    const run = page.getByTestId("release-check-run").first();
    await expect(run).toHaveAttribute("data-status", "passed", { timeout: 60_000 });
    await expect(run.getByTestId("release-check-step").and(page.locator('[data-ok="false"]'))).toHaveCount(0);
    await saveScreenshot(page, "simulator-release-check");

    await page.goto("/overview");
    const card = page.getByRole("region", { name: "全网发布检测" });
    for (const step of STEPS) await expect(card.locator(`[data-step="${step}"]`)).toHaveAttribute("data-ok", "true");
    await expect(card.getByText("6/6")).toBeVisible();
    await saveScreenshot(page, "overview-release-check");
  });

  test("[MESSAGES][PAGE]: the Messages page lists what the simulator sent, in zh-CN and en, on a desktop and at 375 px", async ({
    page,
  }) => {
    const account = await newAccount("official_account");
    await signIn(page);
    await authorizeAccount(page, account, [1, 2, 3]);
    const text = `你好 wxopen ${Date.now()}`;
    const sent = await simulator<{ attempts: number; status: number }>("/messages", {
      body: { appid: account.appid, kind: "text", content: text },
    });
    expect(sent).toMatchObject({ attempts: 1, status: 200 });
    await simulator("/messages", { body: { appid: account.appid, kind: "event", event: "CLICK", eventKey: "MENU_E2E" } });

    await page.goto("/messages");
    await expect(page.getByRole("heading", { name: "消息", level: 1 })).toBeVisible();
    const row = page.getByTestId("message-row").filter({ hasText: text });
    await expect(row).toBeVisible();
    await expect(row).toContainText(account.nickName);
    await expect(row).toContainText("未回复");
    await expect(row).toContainText(/\S{4}…\S{4}/);
    await expect(page.getByTestId("message-row").filter({ hasText: "CLICK MENU_E2E" })).toContainText("event · CLICK");
    await saveScreenshot(page, "messages");

    await page.goto(`/messages?appid=${account.appid}&type=event`);
    await expect(page.getByTestId("message-row")).toHaveCount(1);

    await page.goto(`/authorizers/${account.appid}`);
    await expect(page.getByRole("region", { name: "最近消息" }).getByRole("cell", { name: text })).toBeVisible();

    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "EN" }).click();
    // The switch is a server action that sets a cookie: navigating before it answers would cancel it.
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/messages");
    await expect(page.getByRole("heading", { name: "Messages", level: 1 })).toBeVisible();
    await expect(page.getByTestId("message-row").filter({ hasText: text })).toContainText("No reply");

    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/messages");
    await expect(page.getByTestId("message-table")).toBeHidden();
    await expect(page.getByTestId("message-card").filter({ hasText: text })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "no sideways scrolling at 375 px").toBeLessThanOrEqual(0);
    await saveScreenshot(page, "messages-phone");
  });
});
