import assert from "node:assert/strict";

// The merchant's clicks through real HTTP, as a browser makes them: our invitation's "Authorize on PC" (POST
// /authorize/<token>/pc, a 303 to WeChat's page), then the confirm form the simulator's page shows for one account.

const unescapeHtml = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The confirm form the simulator's page shows for one account, as the browser would submit it. */
export const accountForm = (html: string, appid: string) => {
  const section = new RegExp(`<section[^>]*data-appid="${appid}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1];
  assert.ok(section, `the WeChat page offers ${appid}`);
  const action = /<form method="post" action="([^"]+)"/.exec(section)![1];
  const fields = new URLSearchParams();
  for (const [, attributes] of section.matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    const value = unescapeHtml(/value="([^"]*)"/.exec(attributes)?.[1] ?? "");
    if (!name || (attributes.includes('type="checkbox"') && !/\bchecked\b/.test(attributes))) continue;
    fields.append(name, value);
  }
  return { action, fields };
};

/**
 * Opens the invitation on `appUrl`, uses "Authorize on PC", and confirms `appid` on the simulator's page (granting
 * `funcIds` when given); answers WeChat's redirect back (the callback URL), the page's URL and its pre_auth_code.
 */
export const authorizeOnPc = async ({
  appUrl,
  simulatorUrl,
  token,
  appid,
  funcIds,
}: {
  appUrl: string;
  simulatorUrl: string;
  token: string;
  appid: string;
  funcIds?: number[];
}) => {
  const pageUrl = new URL(`/authorize/${token}`, appUrl).toString();
  const start = await fetch(new URL(`/authorize/${token}/pc`, appUrl), {
    method: "POST",
    redirect: "manual",
    headers: { referer: pageUrl },
  });
  assert.equal(
    start.status,
    303,
    `POST /pc answers 303 to WeChat's page: ${start.status === 303 ? "" : (await start.text()).slice(0, 300)}`,
  );
  const wechatUrl = start.headers.get("location")!;
  assert.ok(wechatUrl.startsWith(`${simulatorUrl}/cgi-bin/componentloginpage?`), wechatUrl);
  const page = await fetch(wechatUrl, { headers: { referer: pageUrl }, redirect: "manual" });
  const html = await page.text();
  assert.doesNotMatch(html, /data-sim-error/, "the simulator accepted the Referer, pre_auth_code and redirect_uri");
  const { action, fields } = accountForm(html, appid);
  if (funcIds) {
    fields.delete("func_id");
    for (const id of funcIds) fields.append("func_id", String(id));
  }
  const confirmed = await fetch(new URL(action, simulatorUrl), {
    method: "POST",
    body: fields,
    redirect: "manual",
    headers: { referer: wechatUrl },
  });
  assert.equal(confirmed.status, 302);
  return { callbackUrl: confirmed.headers.get("location")!, wechatUrl, preAuthCode: new URL(wechatUrl).searchParams.get("pre_auth_code")! };
};
