import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withoutRefreshTokens } from "./refresh-token-free";

describe("[PROXY] answers without refresh tokens", () => {
  it("removes authorizer_refresh_token and refresh_token at any depth and keeps the rest", () => {
    const answer = {
      authorizer_info: { nick_name: "Demo" },
      authorization_info: { authorizer_appid: "wx1", authorizer_refresh_token: "refreshtoken@@@A", func_info: [{ id: 1 }] },
      list: [{ authorizer_appid: "wx2", refresh_token: "refreshtoken@@@B", auth_time: 1 }],
    };
    const scrubbed = JSON.parse(withoutRefreshTokens(Buffer.from(JSON.stringify(answer))).toString());
    assert.deepEqual(scrubbed, {
      authorizer_info: { nick_name: "Demo" },
      authorization_info: { authorizer_appid: "wx1", func_info: [{ id: 1 }] },
      list: [{ authorizer_appid: "wx2", auth_time: 1 }],
    });
  });

  it("answers the very same bytes when no refresh token is mentioned", () => {
    const bytes = Buffer.from('{"errcode":0,  "menu":{}}');
    assert.equal(withoutRefreshTokens(bytes), bytes);
  });

  it("blanks the value in an answer that is not valid JSON", () => {
    const text = withoutRefreshTokens(Buffer.from('{"authorizer_refresh_token": "secret\\"x", broken')).toString();
    assert.ok(!text.includes("secret"), text);
  });
});
