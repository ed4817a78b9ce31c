import { AppError } from "../../errors";
import { ZAuditQuota } from "../../wechat/mini-program-code";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess } from "../mini-programs/code-access";

// The platform's review quota this month (queryquota): all its Mini Programs share it, and any of their tokens reads it.

export type TAuditQuota = { rest: number; limit: number; speedupRest: number; speedupLimit: number };

export const getAuditQuota = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }): Promise<TAuditQuota> => {
  const access = await requireCodeAccess(ref);
  const quota = ZAuditQuota.safeParse(await callCodeApi({ target: access.target, path: "wxa/queryquota", method: "GET", actor }));
  if (!quota.success) throw new AppError("wechat_error", "WeChat's queryquota answer is not the documented shape");
  const { rest, limit, speedup_rest: speedupRest, speedup_limit: speedupLimit } = quota.data;
  return { rest, limit, speedupRest, speedupLimit };
};
