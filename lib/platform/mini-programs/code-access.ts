import { getDb } from "../../db";
import { AppError } from "../../errors";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";
import { requireEnabledPlatformOfKey } from "../platforms/platform-key";
import type { TProxyTarget } from "../proxy/proxy-wechat-call";

// Who may have its code managed: an authorized Mini Program that granted this platform permission set 18 (开发管理).
// Checked before any WeChat call, so a missing permission is a clear 409 rather than WeChat's bare 61007.

/** 开发管理: WeChat answers 61007 to every code-management API without it. */
export const CODE_MANAGEMENT_SCOPE = 18;

export type TCodeAccess = { ref: TAuthorizerRef; target: TProxyTarget & { kind: "authorizer" }; nickName: string; principalName: string };

/** The account named, checked: 404 unknown, 409 not a Mini Program, not authorized, or without set 18. */
export const requireCodeAccess = async (ref: TAuthorizerRef): Promise<TCodeAccess> => {
  const row = await getDb().authorizer.findUnique({
    where: authorizerWhere(ref),
    select: { kind: true, status: true, nickName: true, principalName: true, scopes: { where: { scopeId: CODE_MANAGEMENT_SCOPE } } },
  });
  if (!row) throw new AppError("not_found", `No authorizer ${ref.appid} on this platform.`);
  if (row.kind !== "mini_program")
    throw new AppError("conflict", `${ref.appid} is an Official Account: only Mini Programs have code versions.`);
  if (row.status !== "authorized")
    throw new AppError("conflict", `${ref.appid} is not authorized (status ${row.status}): the merchant must authorize again first.`);
  if (row.scopes.length === 0)
    throw new AppError(
      "conflict",
      `${ref.appid} did not grant permission set ${CODE_MANAGEMENT_SCOPE} (development management): ask the merchant to authorize again with it ticked.`,
      { errcode: 61007 },
    );
  const platform = await requireEnabledPlatformOfKey(ref.platformKey);
  return { ref, target: { kind: "authorizer", appid: ref.appid, platform }, nickName: row.nickName, principalName: row.principalName };
};
