import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isReleaseCheckAppid, RELEASE_CHECK_ACCOUNTS, releaseCheckAnswer } from "./release-check";

const text = (Content: string) => ({ msgType: "text" as const, event: null, fields: { Content } });

describe("the release check (protocol §10.2)", () => {
  it("knows all ten test accounts of the five groups, and nothing else", () => {
    assert.equal(RELEASE_CHECK_ACCOUNTS.length, 10);
    assert.deepEqual([...new Set(RELEASE_CHECK_ACCOUNTS.map((account) => account.group))], [1, 2, 3, 4, 5]);
    for (const account of RELEASE_CHECK_ACCOUNTS) assert.ok(isReleaseCheckAppid(account.appid), account.appid);
    assert.equal(isReleaseCheckAppid("wx0123456789abcdef"), false);
  });

  it("answers the text, the API text and an event as the checker expects", () => {
    assert.deepEqual(releaseCheckAnswer(text("TESTCOMPONENT_MSG_TYPE_TEXT")), {
      kind: "passive_text",
      step: "text",
      content: "TESTCOMPONENT_MSG_TYPE_TEXT_callback",
    });
    assert.deepEqual(releaseCheckAnswer(text("QUERY_AUTH_CODE:queryauthcode@@@abc")), {
      kind: "query_auth_then_send",
      step: "api_text",
      authCode: "queryauthcode@@@abc",
      content: "queryauthcode@@@abc_from_api",
    });
    assert.deepEqual(releaseCheckAnswer({ msgType: "event", event: "LOCATION", fields: {} }), {
      kind: "passive_text",
      step: "event",
      content: "LOCATIONfrom_callback",
    });
    assert.deepEqual(releaseCheckAnswer(text("QUERY_AUTH_CODE:")), { kind: "none" });
    assert.deepEqual(releaseCheckAnswer(text("hello")), { kind: "none" });
    assert.deepEqual(releaseCheckAnswer({ msgType: "image", event: null, fields: {} }), { kind: "none" });
  });
});
