import type { TAccount } from "../accounts";
import { wechatError } from "../errors";
import { stableHex } from "../random";
import type { TApiDefinition } from "./api-definition";

/** A plausible custom menu, the same for an account on every call (keys and links derive from its appid). */
const menuOf = (account: TAccount) => {
  const site = `https://${account.alias || account.appid}.example.com`;
  return {
    button: [
      { type: "click", name: "今日推荐", key: `V1001_TODAY_${stableHex(account.appid, 6).toUpperCase()}`, sub_button: [] },
      { type: "view", name: "官网", url: `${site}/`, sub_button: [] },
      {
        name: "服务",
        sub_button: [
          { type: "view", name: "会员中心", url: `${site}/member`, sub_button: [] },
          { type: "click", name: "联系客服", key: "V1002_CONTACT", sub_button: [] },
        ],
      },
    ],
  };
};

// GET /cgi-bin/menu/get - the official account's custom menu
export const menuGet: TApiDefinition = {
  tokenKind: "authorizer",
  // WeChat documents GET; a POST gets the same answer.
  methods: ["GET", "POST"],
  handle: ({ context, token }) => {
    const account = context.state.accounts.get(token?.authorizerAppid ?? "");
    // Mini programs have no custom menu, so no menu API either.
    if (account?.kind !== "official_account") return wechatError(48001);
    return { menu: menuOf(account) };
  },
};
