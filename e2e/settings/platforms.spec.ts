import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { signIn } from "../fixtures/auth";
import { saveScreenshot } from "../fixtures/screenshot";
import { E2E, simulator } from "../fixtures/stack";

// Settings → Platforms: an admin adds a third-party platform, sees the two URLs to paste into WeChat's console,
// WeChat starts pushing tickets to the new URL, and the admin disables it after a confirmation; then switches the
// dashboard to it in the header and sees its own (empty) authorizer list, the choice carried in the URL.

const randomAlnum = (length: number) =>
  Array.from(randomBytes(length), (byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[byte % 62]).join("");

test("[SETTINGS][PLATFORMS]: an admin adds a platform, sees its URLs and ticket, disables it after a confirmation, and switches to it", async ({
  page,
}) => {
  const platform = {
    name: `Brand ${randomAlnum(4)}`,
    componentAppid: `wx${randomBytes(8).toString("hex")}`,
    componentAppsecret: randomAlnum(32),
    token: randomAlnum(16),
    encodingAesKey: randomAlnum(43),
  };
  await signIn(page);
  await page.goto("/settings");
  const card = page.getByRole("region", { name: "第三方平台" });
  await expect(card.getByRole("listitem").filter({ hasText: E2E.env.WECHAT_COMPONENT_APPID })).toContainText("默认（环境变量）");

  await card.getByLabel("名称").fill(platform.name);
  await card.getByLabel("AppID").fill(platform.componentAppid);
  await card.getByLabel("AppSecret").fill(platform.componentAppsecret);
  await card.getByLabel("消息校验Token").fill(platform.token);
  await card.getByLabel("消息加解密Key").fill(platform.encodingAesKey.slice(0, 42));
  await card.getByRole("button", { name: "添加平台" }).click();
  await expect(card.getByRole("alert")).toContainText("encodingAesKey");

  await card.getByLabel("消息加解密Key").fill(platform.encodingAesKey);
  await card.getByRole("button", { name: "添加平台" }).click();
  const notifyUrl = `${E2E.appUrl}/api/wechat/${platform.componentAppid}/notify`;
  await expect(card.getByRole("status")).toContainText(`已添加 ${platform.name}`);
  await expect(card.getByRole("status").getByLabel("授权事件接收URL")).toHaveText(notifyUrl);
  await expect(card.getByRole("status").getByLabel("消息与事件接收URL")).toHaveText(
    `${E2E.appUrl}/api/wechat/${platform.componentAppid}/messages/$APPID$`,
  );
  const item = card.getByRole("listitem").filter({ hasText: platform.componentAppid });
  await expect(item).toContainText("尚未收到");
  await expect(page.locator("body")).not.toContainText(platform.componentAppsecret);

  // WeChat, told the URL, pushes the platform's ticket there; the page shows its age and the token's expiry.
  await simulator("/platforms", { body: { ...platform, notifyUrl } });
  await simulator(`/platforms/${platform.componentAppid}/push-ticket`, { body: {} });
  await expect(async () => {
    await page.reload();
    await expect(item).toContainText(/最新票据: .*(秒|分钟)/);
    await expect(item).not.toContainText("尚无");
  }).toPass({ timeout: 15_000 });
  await saveScreenshot(page, "settings-platforms");

  await item.getByRole("button", { name: `停用: ${platform.name}` }).click();
  await expect(item).toContainText("停用后该平台的推送会被拒绝");
  await item.getByRole("button", { name: `确认停用 ${platform.name}` }).click();
  await expect(item).toContainText("已停用");
  const refused = await simulator<{ ok: boolean; status: number }>(`/platforms/${platform.componentAppid}/push-ticket`, { body: {} });
  expect([refused.ok, refused.status]).toEqual([false, 403]);
  await item.getByRole("button", { name: `启用: ${platform.name}` }).click();
  await expect(item).not.toContainText("已停用");

  // The header's switcher: the chosen platform goes into the URL and every page shows its data.
  const switcher = page.getByRole("combobox", { name: "平台" });
  await switcher.selectOption(platform.componentAppid);
  await expect(page).toHaveURL(new RegExp(`[?&]platform=${platform.componentAppid}`));
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "授权方" }).click();
  await expect(page).toHaveURL(new RegExp(`/authorizers\\?platform=${platform.componentAppid}`));
  await expect(page.getByText(`平台：${platform.name}（${platform.componentAppid}）`)).toBeVisible();
  await expect(page.locator("#authorizer-list")).toContainText("共 0");
  await saveScreenshot(page, "authorizers-added-platform");
  // A shared link opens the same platform; back to the default one, the URL has no platform.
  await page.goto(`/authorizers?platform=${platform.componentAppid}`);
  await expect(switcher).toHaveValue(platform.componentAppid);
  await switcher.selectOption(E2E.env.WECHAT_COMPONENT_APPID);
  await expect(page).not.toHaveURL(/platform=/);
});
