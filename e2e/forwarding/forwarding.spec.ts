import { expect, test } from "../fixtures/test";
import { startReceiver, type TReceiver } from "../../simulator/receiver";
import { createOperator, signIn } from "../fixtures/auth";
import { authorizeAccount, newAccount } from "../fixtures/merchants";
import { saveScreenshot } from "../fixtures/screenshot";
import { simulator } from "../fixtures/stack";

let receiver: TReceiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.stop();
});

test.describe("[FORWARDING]", () => {
  test("[FORWARDING][PAGE]: an admin creates a rule, sends a test delivery and sees it in the log; an operator only reads", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto("/forwarding");
    const form = page.getByRole("region", { name: "新建规则" });
    await form.getByLabel("名称").fill("CRM 客服台");
    await form.getByLabel("接收地址").fill(receiver.url);
    await form.getByLabel("事件类型").fill("message.*, event.*");
    await form.getByRole("button", { name: "创建规则" }).click();
    const secret = (await form.getByLabel("签名密钥").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets.push(secret);

    const rule = page.getByTestId("forwarding-rule").filter({ hasText: "CRM 客服台" });
    await expect(rule).toContainText(receiver.url);
    await rule.getByRole("button", { name: "发送测试投递: CRM 客服台" }).click();
    await expect(rule.getByRole("status")).toContainText("成功: HTTP 200", { timeout: 20_000 });
    const arrived = receiver.received.find((item) => item.type === "wxopen.test");
    expect(arrived?.signatureOk, "the receiver verified the signature with the secret shown once").toBe(true);
    await page.reload();
    const row = page.getByTestId("delivery-row").filter({ hasText: "wxopen.test" }).first();
    await expect(row).toHaveAttribute("data-status", "succeeded");
    await expect(row).toContainText("HTTP 200");
    await expect(row).toContainText('{"ok":true}');
    await saveScreenshot(page, "forwarding");

    // A user's text to an account goes to the rule; the account's page shows the delivery, and links to all of them.
    const account = await newAccount("official_account");
    await authorizeAccount(page, account, [1]);
    const text = `forwarded ${Date.now()}`;
    await simulator("/messages", { body: { appid: account.appid, kind: "text", content: text } });
    await expect(() => expect(receiver.received.some((item) => item.body.includes(text))).toBe(true)).toPass({ timeout: 20_000 });
    await page.goto(`/authorizers/${account.appid}`);
    const accountLog = page.getByRole("region", { name: "转发投递" });
    const delivered = accountLog.getByTestId("delivery-row").filter({ hasText: "message.text" }).filter({ hasText: "CRM 客服台" });
    await expect(delivered).toHaveAttribute("data-status", "succeeded");
    await accountLog.getByRole("link", { name: /该帐号的全部投递/ }).click();
    await expect(page.getByTestId("delivery-appid-filter")).toContainText(account.appid);
    await expect(page.getByTestId("delivery-row").filter({ hasText: "wxopen.test" })).toHaveCount(0);
    await expect(page.getByTestId("delivery-row").filter({ hasText: "message.text" }).filter({ hasText: "CRM 客服台" })).toHaveCount(1);

    // An operator reads the rules and the log, and is refused when creating one through the API (403).
    const keys = page.getByRole("region", { name: "API 密钥" });
    await page.goto("/settings");
    await keys.getByLabel("名称").fill("e2e operator key");
    await keys.getByLabel("权限").selectOption("operator");
    await keys.getByRole("button", { name: "创建密钥" }).click();
    const operatorKey = (await keys.getByLabel("e2e operator key", { exact: true }).textContent())?.trim() ?? "";
    const refused = await page.request.post("/api/v1/forwarding-rules", {
      headers: { authorization: `Bearer ${operatorKey}` },
      data: { name: "not allowed", url: receiver.url, types: ["*"] },
    });
    expect(refused.status()).toBe(403);

    const operator = await createOperator(page);
    await signIn(page, operator);
    await page.goto("/forwarding");
    await expect(page.getByTestId("forwarding-rule").filter({ hasText: "CRM 客服台" })).toBeVisible();
    await expect(page.getByRole("region", { name: "新建规则" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /发送测试投递/ })).toHaveCount(0);
    await expect(page.getByTestId("delivery-row").filter({ hasText: "wxopen.test" }).first()).toBeVisible();
  });
});
