import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildMobileAuthorizationUrl, buildPcAuthorizationUrl } from "./links";
import { scopeName } from "./scopes";

const options = {
  componentAppid: "wx0123456789abcdef",
  preAuthCode: "preauthcode@@@x",
  redirectUri: "https://wx.example.com/api/wechat/authorize/callback?state=abc",
  authType: 3,
};

describe("authorization links", () => {
  it("builds the PC componentloginpage URL with an encoded redirect_uri", () => {
    const url = new URL(buildPcAuthorizationUrl("https://mp.weixin.qq.com", { ...options, categoryIds: [17, 18, 19] }));
    assert.equal(url.origin + url.pathname, "https://mp.weixin.qq.com/cgi-bin/componentloginpage");
    assert.equal(url.searchParams.get("redirect_uri"), options.redirectUri);
    assert.equal(url.searchParams.get("pre_auth_code"), options.preAuthCode);
    assert.equal(url.searchParams.get("auth_type"), "3");
    assert.equal(url.searchParams.get("category_id_list"), "17|18|19");
    assert.equal(url.searchParams.has("biz_appid"), false);
  });

  it("builds the mobile bindcomponent link ending in #wechat_redirect", () => {
    const link = buildMobileAuthorizationUrl("https://open.weixin.qq.com", { ...options, bizAppid: "wxaaaaaaaaaaaaaaaa" });
    assert.ok(link.endsWith("#wechat_redirect"));
    const url = new URL(link);
    assert.equal(url.origin + url.pathname, "https://open.weixin.qq.com/wxaopen/safe/bindcomponent");
    assert.equal(url.searchParams.get("action"), "bindcomponent");
    assert.equal(url.searchParams.get("no_scan"), "1");
    assert.equal(url.searchParams.get("biz_appid"), "wxaaaaaaaaaaaaaaaa");
  });

  it("names scopes as WeChat does and numbers unknown ones", () => {
    assert.equal(scopeName(1), "消息管理权限");
    assert.equal(scopeName(18, "en"), "Development and data analysis (mini program)");
    assert.equal(scopeName(999), "权限集 999");
  });
});
