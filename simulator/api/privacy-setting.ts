import { WECHAT_OK, wechatError } from "../errors";
import { privacySettingJson, setPrivacySetting } from "../mini-program/privacy-settings";
import { codeApi } from "./code-api";

// The privacy guide (§11.5). The paths are under /cgi-bin/component/ but the token is the mini program's own (A, set
// 18): the router files them with the component paths and their definitions ask for an authorizer token.

// POST /cgi-bin/component/setprivacysetting - the draft guide (ver 2, default) or the live owner_setting (ver 1)
export const setPrivacySettingApi = codeApi({
  handle: ({ context, body, slots }) => {
    const errcode = setPrivacySetting(slots, body, context.clock.nowSeconds());
    return errcode === 0 ? { ...WECHAT_OK } : wechatError(errcode);
  },
});

// POST /cgi-bin/component/getprivacysetting - what the scan found and what the guide says
export const getPrivacySettingApi = codeApi({
  handle: ({ body, slots }) => {
    const version = body.privacy_ver ?? 2;
    if (version !== 1 && version !== 2) return wechatError(86071);
    return { ...WECHAT_OK, ...privacySettingJson(slots, version) };
  },
});
