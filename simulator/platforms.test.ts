import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { openComponentPush } from "../lib/wechat/push";
import { xmlText } from "../lib/wechat/xml";
import { SECOND_PLATFORM_CREDENTIALS as B, startHarness, TEST_CREDENTIALS } from "./test-support";

// Several third-party platforms in one simulator: each has its own tickets (pushed to its URL, sealed with its keys)
// and component tokens; one platform's ticket is no good to another, and a platform's new token retires only its own.

describe("[SIMULATOR][PLATFORMS] platforms added through the control API", () => {
  it("pushes each platform's ticket to its own URL with its keys, and takes a ticket only from the platform it was pushed to", async (t) => {
    const { simulator, receiver, api } = await startHarness(t);
    const opened: string[] = [];
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const query = Object.fromEntries(new URL(request.url ?? "/", "http://b").searchParams);
      const message = openComponentPush(query, Buffer.concat(chunks).toString("utf8"), B);
      opened.push(xmlText(message, "ComponentVerifyTicket") ?? "");
      assert.equal(xmlText(message, "AppId"), B.componentAppid);
      response.end("success");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    simulator.addPlatform({
      ...B,
      notifyUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wechat/${B.componentAppid}/notify`,
    });

    assert.equal((await simulator.pushTicket(B.componentAppid)).ok, true);
    await simulator.pushTicket();
    const bTicket = opened[0];
    const aTicket = simulator.latestTicket()!.ticket;
    assert.equal(receiver.pushes.length, 1, "the primary platform's URL got only its own ticket");
    assert.equal(simulator.platforms().find((platform) => platform.componentAppid === B.componentAppid)?.latestTicket?.ticket, bTicket);
    assert.ok(!JSON.stringify(simulator.platforms()).includes(B.componentAppsecret), "no AppSecret listed");

    const tokenFor = (credentials: { componentAppid: string; componentAppsecret: string }, ticket: string) =>
      api("api_component_token", {
        component_appid: credentials.componentAppid,
        component_appsecret: credentials.componentAppsecret,
        component_verify_ticket: ticket,
      });
    assert.equal((await tokenFor(TEST_CREDENTIALS, bTicket)).errcode, 61006, "B's ticket is no good to A");
    assert.equal((await tokenFor(B, aTicket)).errcode, 61006, "A's ticket is no good to B");
    assert.equal((await tokenFor({ ...B, componentAppsecret: "x".repeat(32) }, bTicket)).errcode, 40125);
    assert.equal((await tokenFor({ ...B, componentAppid: "wx00000000000000c0" }, bTicket)).errcode, 40013);

    // Each platform's new token retires only its own older ones.
    const aToken = (await tokenFor(TEST_CREDENTIALS, aTicket)).component_access_token as string;
    const bToken = (await tokenFor(B, bTicket)).component_access_token as string;
    assert.ok(aToken && bToken && aToken !== bToken);
    const quotaWith = async (token: string) =>
      (
        await (
          await fetch(`${simulator.url}/cgi-bin/openapi/quota/get?access_token=${token}`, {
            method: "POST",
            body: JSON.stringify({ cgi_path: "/cgi-bin/component/api_create_preauthcode" }),
          })
        ).json()
      ).errcode as number;
    assert.deepEqual([await quotaWith(aToken), await quotaWith(bToken)], [0, 0]);
    simulator.retireComponentTokens();
    assert.deepEqual([await quotaWith(aToken), await quotaWith(bToken)], [40001, 0], "the primary platform's family only");

    assert.equal(
      (await api("api_start_push_ticket", { component_appid: B.componentAppid, component_secret: B.componentAppsecret })).errcode,
      0,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(opened.length, 2, "api_start_push_ticket pushed B's ticket to B's URL");
  });
});
