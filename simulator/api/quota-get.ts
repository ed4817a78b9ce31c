import type { TTokenRecord } from "../context";
import { WECHAT_OK, wechatError } from "../errors";
import { quotaOwner, quotaUsed } from "../quota";
import { stringField, type TApiDefinition } from "./api-definition";

/** Finds the simulated API behind a path, as the router does: "/cgi-bin/menu/get" → "menu/get". */
export type TApiLookup = (path: string) => { api: string; definition?: TApiDefinition };

/** Whose token reads an API's quota: the platform's for component (and tokenless) APIs, the account's for account APIs. */
const readerKind = (definition: TApiDefinition): TTokenRecord["kind"] | "either" => definition.tokenKind ?? "component";

/** A path without host: "/cgi-bin/message/custom/send", not "https://api.weixin.qq.com/..." nor "//api.weixin.qq.com/...". */
const isPathForm = (path: string) => path.startsWith("/") && !path.startsWith("//");

// POST /cgi-bin/openapi/quota/get - today's quota of one API for the token's owner (an account, or the platform)
export const createQuotaGet = (lookup: TApiLookup): TApiDefinition => ({
  tokenKind: "either",
  isQuotaExempt: true,
  handle: ({ context, body, token }) => {
    const cgiPath = stringField(body, "cgi_path");
    if (!cgiPath || !isPathForm(cgiPath)) return wechatError(76003);
    const { api, definition } = lookup(cgiPath);
    if (!definition) return wechatError(76021);
    const kind = readerKind(definition);
    if (!token || (kind !== "either" && kind !== token.kind)) return wechatError(76022);
    const dailyLimit = context.config.dailyQuota;
    const used = definition.isQuotaExempt ? 0 : quotaUsed(context, quotaOwner(context, token), api);
    return { ...WECHAT_OK, quota: { daily_limit: dailyLimit, used, remain: Math.max(0, dailyLimit - used) } };
  },
});
