import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventually } from "../helpers/app";
import { startStack, type TStack } from "../helpers/stack";

// The merchant's routes are public: what an invitation allows is checked against what WeChat answers, and no amount
// of clicking or forged callbacks can use up WeChat's daily quota.

let stack: TStack;
let createAuthorizationLink: typeof import("../../lib/platform/authorization/create-authorization-link").createAuthorizationLink;
const db = () => stack.database.db;
const appUrl = (path: string) => new URL(path, stack.app.url).toString();

const newLink = (options: { authType?: number; bizAppid?: string | null } = {}) =>
  createAuthorizationLink({ authType: 3, createdBy: { userId: null, label: "limits test" }, ...options });

const preAuthCodeCalls = () => stack.simulator.calls({ api: "api_create_preauthcode" }).length;
const queryAuthCalls = () => stack.simulator.calls({ api: "api_query_auth" }).length;

/** POST /authorize/<token>/pc as a browser would, from a client address the (trusted) proxy reports. */
const startPc = (token: string, clientIp: string) =>
  fetch(appUrl(`/authorize/${token}/pc`), {
    method: "POST",
    redirect: "manual",
    headers: { referer: appUrl(`/authorize/${token}`), "x-forwarded-for": clientIp },
  });

/**
 * Starts on PC, then confirms `appid` on the simulator's page with `change` applied to WeChat's URL: a merchant who
 * edits the URL to get around what the invitation allows. Answers the callback URL WeChat sends back.
 */
const authorizeWithEditedUrl = async (token: string, appid: string, change: (url: URL) => void) => {
  const start = await startPc(token, "198.51.100.1");
  assert.equal(start.status, 303);
  const wechatUrl = new URL(start.headers.get("location")!);
  change(wechatUrl);
  const html = await (await fetch(wechatUrl, { headers: { referer: appUrl(`/authorize/${token}`) } })).text();
  const section = new RegExp(`<section[^>]*data-appid="${appid}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1];
  assert.ok(section, `the edited WeChat page offers ${appid}`);
  const action = /<form method="post" action="([^"]+)"/.exec(section)![1].replace(/&amp;/g, "&");
  const fields = new URLSearchParams();
  for (const [, attributes] of section.matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    if (name && !(attributes.includes('type="checkbox"') && !/\bchecked\b/.test(attributes)))
      fields.append(name, (/value="([^"]*)"/.exec(attributes)?.[1] ?? "").replace(/&amp;/g, "&"));
  }
  const confirmed = await fetch(new URL(action, stack.simulator.url), {
    method: "POST",
    body: fields,
    redirect: "manual",
    headers: { referer: wechatUrl.toString() },
  });
  assert.equal(confirmed.status, 302);
  return confirmed.headers.get("location")!;
};

before(async () => {
  stack = await startStack({ env: { TRUST_PROXY_HEADERS: "true", AUTHORIZE_NEW_CODES_PER_HOUR: "30" } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  ({ createAuthorizationLink } = await import("../../lib/platform/authorization/create-authorization-link"));
  await stack.ready();
});

after(async () => stack?.stop());

describe("[AUTHORIZATION][LIMITS] what an invitation allows is checked after the exchange", () => {
  it("[COMPONENT-TOKEN] a component token WeChat rejects is replaced once and the call made again: pre_auth_code, api_query_auth, import", async () => {
    // A fresh WeChat beside an old database (the demo restarted): WeChat no longer knows the stored component token.
    const componentTokenCalls = () => stack.simulator.calls({ api: "api_component_token" }).length;

    stack.simulator.retireComponentTokens();
    let before = componentTokenCalls();
    const started = await startPc((await newLink()).token, "198.51.100.9");
    assert.equal(started.status, 303, "the merchant's page still reaches WeChat");
    assert.equal(componentTokenCalls(), before + 1, "pre_auth_code: one component token refresh");

    stack.simulator.retireComponentTokens();
    before = componentTokenCalls();
    const [account] = stack.simulator.addAccounts(1);
    assert.equal((await stack.simulator.authorizeProgrammatically({ appid: account.appid }).delivery)!.ok, true);
    await eventually(
      async () => ((await db().authorizer.findFirst({ where: { appid: account.appid } }))?.accessToken ? true : undefined),
      "the authorized push exchanged",
    );
    assert.equal(componentTokenCalls(), before + 1, "api_query_auth: one component token refresh");

    stack.simulator.retireComponentTokens();
    before = componentTokenCalls();
    const { importAuthorizers } = await import("../../lib/platform/authorization/import-authorizers");
    const imported = await importAuthorizers({ actor: "test" });
    assert.ok(imported.total >= 1, JSON.stringify(imported));
    assert.equal(componentTokenCalls(), before + 1, "import: one component token refresh");
    assert.equal(await db().event.count({ where: { kind: "authorization.failed" } }), 0);
  });

  it("[INVITATION] an account other than the invitation's biz_appid is kept, but marked, the invitation spent and an error recorded", async () => {
    const [intended, other] = stack.simulator.addAccounts(2);
    const link = await newLink({ bizAppid: intended.appid });
    const callbackUrl = await authorizeWithEditedUrl(link.token, other.appid, (url) => url.searchParams.delete("biz_appid"));

    const callback = await fetch(callbackUrl, { redirect: "manual" });
    assert.equal(callback.status, 409);
    const page = await callback.text();
    assert.ok(page.includes(intended.appid) && page.includes(other.appid), "the merchant's page names both accounts");
    const row = await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } });
    assert.ok(row.usedAt, "the invitation is used up");
    assert.equal(row.authorizerAppid, other.appid, "by the account that used it");
    const event = await db().event.findFirst({ where: { kind: "authorization.failed", appid: other.appid }, orderBy: { id: "desc" } });
    assert.equal(event?.outcome, "error");
    assert.deepEqual(
      { expected: JSON.parse(event!.detail!).expectedAppid, actual: JSON.parse(event!.detail!).appid },
      { expected: intended.appid, actual: other.appid },
    );
    // WeChat granted it: the authorization is kept (its refresh token must not be lost), marked for the operator.
    const stored = await db().authorizer.findFirstOrThrow({ where: { appid: other.appid } });
    assert.equal(stored.status, "authorized");
    assert.ok(stored.refreshToken);
    const { createApiKey } = await import("../../lib/auth/api-keys");
    const reader = (await createApiKey({ name: `outside-${other.appid}`, role: "reader" })).key;
    const profile = (await (
      await fetch(appUrl(`/api/v1/authorizers/${other.appid}`), { headers: { authorization: `Bearer ${reader}` } })
    ).json()) as { outsideInvitation: { reason: string; at: string } | null };
    assert.ok(profile.outsideInvitation, "the API says it was authorized outside its invitation");
    assert.match(profile.outsideInvitation.reason, new RegExp(intended.appid));

    // The same link onboards nobody else, the intended account included: the operator sends a new one.
    const again = await startPc(link.token, "198.51.100.1");
    assert.equal(again.status, 410);
    const fresh = await newLink({ bizAppid: other.appid });
    const matching = await authorizeWithEditedUrl(fresh.token, other.appid, () => {});
    assert.equal((await fetch(matching, { redirect: "manual" })).status, 303);
    const cleared = (await (
      await fetch(appUrl(`/api/v1/authorizers/${other.appid}`), { headers: { authorization: `Bearer ${reader}` } })
    ).json()) as { outsideInvitation: unknown };
    assert.equal(cleared.outsideInvitation, null, "authorizing through a matching invitation clears the mark");

    // WeChat's push of the first authorization arrives late, after the second one: the merchant is still told, but
    // the mark stays cleared and the mismatch is not recorded twice.
    const { redeemAuthorizationLink } = await import("../../lib/platform/authorization/redeem-authorization-link");
    const mismatches = () => db().event.count({ where: { kind: "authorization.failed", appid: other.appid } });
    const before = await mismatches();
    await assert.rejects(
      redeemAuthorizationLink({ link: { id: link.id, platformKey: "", bizAppid: intended.appid, authType: 3 }, appid: other.appid }),
      /is for account/,
    );
    const afterLatePush = await db().authorizer.findFirstOrThrow({ where: { appid: other.appid } });
    assert.equal(afterLatePush.outsideInvitationAt, null, "a late push of the older authorization does not mark it again");
    assert.equal(await mismatches(), before);
  });

  it("an official account through a mini-programs-only invitation is refused, naming the kind", async () => {
    const [account] = stack.simulator.addAccounts(1, { kind: "official_account" });
    const link = await newLink({ authType: 2 });
    const callbackUrl = await authorizeWithEditedUrl(link.token, account.appid, (url) => url.searchParams.set("auth_type", "3"));
    const callback = await fetch(callbackUrl, { redirect: "manual" });
    assert.equal(callback.status, 409);
    assert.match(await callback.text(), /mini program/);
    assert.ok((await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt, "the invitation is used up");
    assert.ok((await db().authorizer.findFirstOrThrow({ where: { appid: account.appid } })).outsideInvitationAt);
  });

  it("ties a pushed authorization to its invitation through PreAuthCode and checks it there too", async () => {
    const [intended, other] = stack.simulator.addAccounts(2);
    const link = await newLink({ bizAppid: intended.appid });
    await authorizeWithEditedUrl(link.token, other.appid, (url) => url.searchParams.delete("biz_appid"));
    // The callback is never opened: only WeChat's push arrives, and it names the pre_auth_code of this invitation.
    await eventually(
      async () =>
        (await db().event.count({ where: { kind: "authorization.failed", appid: other.appid, message: { contains: "mismatch" } } }))
          ? true
          : undefined,
      "the push's exchange found the mismatch",
    );
    assert.equal((await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } })).authorizerAppid, other.appid);
    assert.ok((await db().authorizer.findFirstOrThrow({ where: { appid: other.appid } })).outsideInvitationAt);
  });
});

describe("[AUTHORIZATION][LIMITS] the public routes cannot use up WeChat's quota", () => {
  it("clicks within a minute share one pre_auth_code", async () => {
    const link = await newLink();
    const page = await (await fetch(appUrl(`/authorize/${link.token}`))).text();
    assert.doesNotMatch(page, /limits test/, "the merchant's page names no one inside the platform");
    const before = preAuthCodeCalls();
    const codes = new Set<string>();
    for (let click = 0; click < 10; click++) {
      const answer = await startPc(link.token, "198.51.100.2");
      assert.equal(answer.status, 303);
      codes.add(new URL(answer.headers.get("location")!).searchParams.get("pre_auth_code")!);
    }
    assert.equal(codes.size, 1);
    assert.equal(preAuthCodeCalls() - before, 1);
  });

  it("limits one client address to 30 starts in 10 minutes", async () => {
    const link = await newLink();
    const statuses: number[] = [];
    for (let click = 0; click < 31; click++) statuses.push((await startPc(link.token, "203.0.113.99")).status);
    assert.equal(statuses.filter((status) => status === 303).length, 30);
    assert.equal(statuses.at(-1), 429);
    assert.equal((await startPc(link.token, "203.0.113.100")).status, 303, "another client is not affected");
  });

  it("limits new codes per invitation (20 an hour) and for the whole platform (AUTHORIZE_NEW_CODES_PER_HOUR), with Retry-After", async () => {
    const link = await newLink();
    const before = preAuthCodeCalls();
    const statuses: number[] = [];
    for (let click = 0; click < 22; click++) {
      statuses.push((await startPc(link.token, `198.51.100.${10 + click}`)).status);
      // A minute has passed for every code made so far: the next click needs a new one.
      await db().preAuthCode.updateMany({ where: { linkId: link.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    }
    assert.deepEqual(statuses, [...Array(20).fill(303), 429, 429]);
    assert.equal(preAuthCodeCalls() - before, 20);

    const second = await newLink();
    const platform: Response[] = [];
    for (let click = 0; click < 12; click++) {
      platform.push(await startPc(second.token, `198.51.100.${40 + click}`));
      await db().preAuthCode.updateMany({ where: { linkId: second.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    }
    const limited = platform.filter((answer) => answer.status === 429);
    assert.ok(limited.length >= 2, `the platform's 30 an hour ran out: ${platform.map((answer) => answer.status)}`);
    assert.ok(Number(limited[0].headers.get("retry-after")) > 0);
    assert.match(await limited[0].text(), /尝试次数过多/);
  });

  it("stops exchanging codes for an invitation after 5 codes WeChat refused", async () => {
    const link = await newLink();
    const state = (await db().authorizationLink.findUniqueOrThrow({ where: { id: link.id } })).state;
    const callback = (code: string) =>
      fetch(appUrl(`/api/wechat/authorize/callback?state=${state}&auth_code=${code}&expires_in=600`), {
        redirect: "manual",
        headers: { "x-forwarded-for": "192.0.2.5" },
      });
    const before = queryAuthCalls();
    for (let attempt = 0; attempt < 5; attempt++) assert.equal((await callback(`queryauthcode@@@forged${attempt}`)).status, 400);
    assert.equal(queryAuthCalls() - before, 5);
    const stopped = await callback("queryauthcode@@@forged-again");
    assert.equal(stopped.status, 410);
    assert.equal(queryAuthCalls() - before, 5, "no more api_query_auth calls for this invitation");
    assert.doesNotMatch(await stopped.text(), /limits test/, "no internal name on the merchant's page");
  });
});
