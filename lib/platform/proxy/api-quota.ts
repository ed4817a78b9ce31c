import { z } from "zod";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";
import { assertOwnsTokens } from "../upstream/get-token-source";
import { callJsonThroughProxy } from "./call-through-proxy";
import type { TProxyTarget } from "./proxy-wechat-call";
import type { TPlatform } from "../platforms/platform-registry";

// An account's (or the platform's) daily API quota: read with openapi/quota/get, reset with clear_quota, both through
// the proxy (the right token, a rejected token replaced once); the platform's own reset uses clear_quota/v2 and the
// secret. WeChat allows 10 resets a month per account: the page asks for a confirmation first.

const ZQuota = z.object({ daily_limit: z.number(), used: z.number(), remain: z.number() });
export type TApiQuota = z.infer<typeof ZQuota> & { cgiPath: string };

/** A path as openapi/quota/get wants it: starting with "/", no host, no query. */
const ZCgiPath = z
  .string()
  .trim()
  .regex(/^\/[A-Za-z0-9_\-/.]{1,200}$/, "the API path starts with / and has no host or query, e.g. /cgi-bin/message/custom/send");

/** One JSON call through the proxy, as an internal caller (POST, as both quota APIs want). */
const callThroughProxy = (target: TProxyTarget, path: string, body: unknown, actor: string) =>
  callJsonThroughProxy({ target, path, body, actor });

export const readApiQuota = async ({
  target,
  cgiPath,
  actor,
}: {
  target: TProxyTarget;
  cgiPath: string;
  actor: string;
}): Promise<TApiQuota> => {
  const parsed = ZCgiPath.safeParse(cgiPath);
  if (!parsed.success) throw new AppError("bad_request", `Invalid API path: ${parsed.error.issues[0].message}`);
  const answer = await callThroughProxy(target, "cgi-bin/openapi/quota/get", { cgi_path: parsed.data }, actor);
  const quota = ZQuota.safeParse(answer.quota);
  if (!quota.success) throw new AppError("wechat_error", "WeChat's quota answer has no daily_limit, used and remain");
  return { ...quota.data, cgiPath: parsed.data };
};

const explainClearFailure = (error: unknown) => {
  if (error instanceof AppError && error.details?.errcode === 48006)
    return new AppError("conflict", "WeChat refused: the 10 quota resets of this month are used up (48006). They come back next month.", {
      errcode: 48006,
    });
  return error;
};

/** clear_quota for one account (its token, its monthly allowance). */
export const clearAuthorizerApiQuota = async ({ appid, actor, platform }: { appid: string; actor: string; platform?: TPlatform }) => {
  await callThroughProxy({ kind: "authorizer", appid, platform }, "cgi-bin/clear_quota", { appid }, actor).catch((error: unknown) => {
    throw explainClearFailure(error);
  });
  await recordEvent({ kind: "admin.action", appid, message: "Reset the account's daily API quota (clear_quota)", actor });
};

/** clear_quota/v2 for the platform itself. */
export const clearComponentApiQuota = async ({ actor, platform }: { actor: string; platform?: TPlatform }) => {
  assertOwnsTokens("reset the platform's API quota");
  await getWechatClient(platform)
    .clearComponentQuota()
    .catch((error: unknown) => {
      const errcode = (error as { errcode?: number }).errcode;
      throw explainClearFailure(
        errcode === undefined ? error : new AppError("wechat_error", `WeChat answered errcode ${errcode} to clear_quota/v2`, { errcode }),
      );
    });
  await recordEvent({ kind: "admin.action", message: "Reset the platform's daily API quota (clear_quota/v2)", actor });
};
