import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED_ACCOUNTS } from "./accounts";
import { defaultOpenid } from "./message-content";
import { startFakePlatform } from "./platform-test-support";
import { startHarness, TEST_CREDENTIALS } from "./test-support";

const { componentAppid } = TEST_CREDENTIALS;
const coffee = SEED_ACCOUNTS[0];
const user = defaultOpenid(coffee.appid);
const hello = { touser: user, msgtype: "text", text: { content: "hello" } };

describe("[SIMULATOR][CUSTOM SEND] POST /cgi-bin/message/custom/send", () => {
  it("checks the authorizer token, the body and the 48 h window, and records what it accepts", async (t) => {
    const platform = await startFakePlatform();
    t.after(() => platform.close());
    const { simulator, api, componentToken } = await startHarness(t, { messageUrl: platform.messageUrl });
    const componentAccessToken = await componentToken();
    const { authCode } = simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const auth = await api(
      "api_query_auth",
      { component_appid: componentAppid, authorization_code: authCode },
      { access_token: componentAccessToken },
    );
    const token: string = auth.authorization_info.authorizer_access_token;
    const send = async (body: unknown, query: Record<string, string> = { access_token: token }) => {
      const search = new URLSearchParams(query).toString();
      const response = await fetch(`${simulator.url}/cgi-bin/message/custom/send?${search}`, {
        method: "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as Record<string, any>;
    };

    assert.equal((await send(hello, {})).errcode, 41001);
    assert.equal((await send(hello, { access_token: "made-up" })).errcode, 40001);
    assert.equal((await send(hello, { access_token: componentAccessToken })).errcode, 61015, "a component token on an account API");
    assert.equal((await send(hello, { component_access_token: token })).errcode, 41001, "account APIs read access_token only");
    assert.equal((await send(undefined)).errcode, 44002);
    assert.equal((await send({ ...hello, touser: "not-an-openid" })).errcode, 40003);
    assert.equal((await send({ ...hello, msgtype: "hologram" })).errcode, 40008);
    assert.equal((await send({ ...hello, text: { content: "" } })).errcode, 44004);
    const silent = await send(hello);
    assert.equal(silent.errcode, 45015, "the user never wrote to the account");
    assert.match(silent.errmsg, /^response out of time limit or subscription is canceled rid: /);

    await simulator.sendMessage({ appid: coffee.appid, kind: "text", content: "在吗?" });
    assert.deepEqual(await send(hello), { errcode: 0, errmsg: "ok" });
    const [received] = simulator.customMessages();
    assert.deepEqual(
      { appid: received.appid, touser: received.touser, msgtype: received.msgtype, content: received.content, token: received.accessToken },
      { appid: coffee.appid, touser: user, msgtype: "text", content: "hello", token },
    );
    const calls = simulator.calls({ api: "message/custom/send" });
    assert.equal(calls.length, 10);
    assert.equal(calls.at(-1)?.path, "/cgi-bin/message/custom/send");
    assert.equal(calls.at(-1)?.errcode, 0);
    const listed = (await (await fetch(`${simulator.url}/__sim/custom-messages`)).json()) as unknown[];
    assert.equal(listed.length, 1);

    // A newer token retires this one after the 300 s overlap (40001); a token past its 7200 s expires (42001).
    const refreshed = await api(
      "api_authorizer_token",
      {
        component_appid: componentAppid,
        authorizer_appid: coffee.appid,
        authorizer_refresh_token: auth.authorization_info.authorizer_refresh_token,
      },
      { component_access_token: componentAccessToken },
    );
    assert.equal((await send(hello)).errcode, 0, "the replaced token works during the overlap");
    simulator.advanceClock(301);
    assert.equal((await send(hello)).errcode, 40001);
    assert.equal((await send(hello, { access_token: refreshed.authorizer_access_token })).errcode, 0);
    simulator.advanceClock(48 * 3600);
    assert.equal((await send(hello, { access_token: refreshed.authorizer_access_token })).errcode, 42001);
  });

  it("answers 45015 once the user's last message is 48 h old, and 40001 for a token of a cancelled authorization", async (t) => {
    const platform = await startFakePlatform();
    t.after(() => platform.close());
    const { simulator, api, componentToken } = await startHarness(t, { messageUrl: platform.messageUrl });
    const { authCode } = simulator.authorizeProgrammatically({ appid: coffee.appid, shouldPush: false });
    const auth = await api(
      "api_query_auth",
      { component_appid: componentAppid, authorization_code: authCode },
      { access_token: await componentToken() },
    );
    const freshToken = async () => {
      const answer = await api(
        "api_authorizer_token",
        {
          component_appid: componentAppid,
          authorizer_appid: coffee.appid,
          authorizer_refresh_token: auth.authorization_info.authorizer_refresh_token,
        },
        { component_access_token: await componentToken() },
      );
      return answer.authorizer_access_token as string;
    };
    const send = async (token: string) => {
      const response = await fetch(`${simulator.url}/cgi-bin/message/custom/send?access_token=${token}`, {
        method: "POST",
        body: JSON.stringify(hello),
      });
      return ((await response.json()) as { errcode: number }).errcode;
    };
    const token = auth.authorization_info.authorizer_access_token as string;
    await simulator.sendMessage({ appid: coffee.appid, kind: "event", event: "LOCATION" });
    assert.equal(await send(token), 45015, "a LOCATION report is no user action");
    await simulator.sendMessage({ appid: coffee.appid, kind: "event", event: "subscribe" });
    assert.equal(await send(token), 0);
    simulator.advanceClock(47 * 3600);
    assert.equal(await send(await freshToken()), 0, "47 h after subscribing");
    simulator.advanceClock(3600 + 1);
    const late = await freshToken();
    assert.equal(await send(late), 45015, "48 h after subscribing");
    await simulator.cancelAuthorization(coffee.appid);
    assert.equal(await send(late), 40001, "cancelling voids the account's tokens");
  });
});
