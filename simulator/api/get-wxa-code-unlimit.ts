import { wechatError } from "../errors";
import { wxaCodePng } from "../images";
import type { TApiDefinition } from "./api-definition";

/** Up to 32 visible characters from WeChat's documented set. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;
const DEFAULT_WIDTH = 430;
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;

const widthOf = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(value))) : DEFAULT_WIDTH;

// POST /wxa/getwxacodeunlimit - a mini-program code for a scene, as a PNG (errors as JSON, like WeChat)
export const getWxaCodeUnlimit: TApiDefinition = {
  tokenKind: "authorizer",
  handle: async ({ context, body, token }) => {
    const account = context.state.accounts.get(token?.authorizerAppid ?? "");
    // Only mini programs have codes; an official account's token lacks the API.
    if (account?.kind !== "mini_program") return wechatError(48001);
    const { scene, page } = body;
    if (typeof scene !== "string" || !SCENE_PATTERN.test(scene)) return wechatError(40169);
    // A page is a path inside the mini program, "pages/index/index", never with a leading "/"; none (or "") is the home page.
    if (page !== undefined && (typeof page !== "string" || page.startsWith("/"))) return wechatError(41030);
    const target = new URLSearchParams({ page: page || "pages/index/index", scene });
    const png = await wxaCodePng(`https://mp.weixin.qq.com/a/${account.appid}?${target}`, widthOf(body.width));
    return { binary: png, contentType: "image/png" };
  },
};
