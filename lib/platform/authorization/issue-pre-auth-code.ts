import { getDb } from "../../db";
import { getEnv } from "../../env";
import { decryptSecret, encryptSecret, hashSecret } from "../../secrets";
import { WechatApiError } from "../../wechat/errors";
import { recordEvent } from "../activity/record-event";
import { callWithComponentToken } from "../component/call-with-component-token";
import { consumeRateLimit } from "../support/consume-rate-limit";
import { getWechatClient } from "../support/wechat-client";
import type { TPlatform } from "../platforms/platform-registry";
import { platformScoped } from "../platforms/platform-detail";

/** Clicks on one invitation within this long share one pre_auth_code (each new one costs WeChat quota). */
export const PRE_AUTH_CODE_REUSE_MS = 60_000;
/** New pre_auth_codes one invitation may cause per hour; one client address, per 10 minutes. */
const CODES_PER_LINK_PER_HOUR = 20;
const STARTS_PER_CLIENT_PER_10_MINUTES = 30;
const HOUR_MS = 3600_000;

export type IssuePreAuthCodeOptions = {
  link: { id: string; bizAppid: string | null };
  channel: "pc" | "mobile";
  /** The merchant's address when it is known (TRUST_PROXY_HEADERS), for a per-client limit. */
  clientIp?: string | null;
  /** The invitation's platform: its component token makes the code. */
  platform: TPlatform;
};

/**
 * The pre_auth_code for a merchant's click on an invitation: the one made for the same invitation in the last minute,
 * or a new one, within limits per client, per invitation and per platform (AUTHORIZE_NEW_CODES_PER_HOUR),
 * so a public URL can never be a way to use up WeChat's daily quota. The code is kept (encrypted) so that the
 * `authorized` push, which names it, can be tied back to the invitation.
 */
export const issuePreAuthCode = async ({ link, channel, clientIp, platform }: IssuePreAuthCodeOptions): Promise<string> => {
  const db = getDb();
  if (clientIp) await consumeRateLimit({ key: `authorize:ip:${clientIp}`, limit: STARTS_PER_CLIENT_PER_10_MINUTES, windowMs: 600_000 });
  const recent = await db.preAuthCode.findFirst({
    where: { linkId: link.id, spentAt: null, createdAt: { gt: new Date(Date.now() - PRE_AUTH_CODE_REUSE_MS) } },
    orderBy: { createdAt: "desc" },
    select: { code: true },
  });
  if (recent) return decryptSecret(recent.code);

  await consumeRateLimit({ key: `authorize:link:${link.id}`, limit: CODES_PER_LINK_PER_HOUR, windowMs: HOUR_MS });
  // Each platform its own hourly allowance (its own WeChat quota); the default one keeps the key it had.
  const platformLimit = platformScoped("authorize:platform", platform);
  await consumeRateLimit({ key: platformLimit, limit: getEnv().AUTHORIZE_NEW_CODES_PER_HOUR, windowMs: HOUR_MS });
  try {
    const { preAuthCode, expiresIn } = await callWithComponentToken(
      (componentAccessToken) => getWechatClient(platform).createPreAuthCode(componentAccessToken),
      platform,
    );
    await db.preAuthCode.create({
      data: {
        codeHash: hashSecret(preAuthCode),
        code: encryptSecret(preAuthCode),
        linkId: link.id,
        expiresAt: new Date(Date.now() + expiresIn * 1000),
      },
    });
    return preAuthCode;
  } catch (error) {
    const errcode = error instanceof WechatApiError ? error.errcode : null;
    await recordEvent({
      kind: "authorization.failed",
      appid: link.bizAppid,
      outcome: "error",
      errcode,
      message: `api_create_preauthcode failed: ${(error as Error).message}`,
      detail: { linkId: link.id, channel },
      actor: "merchant",
    });
    throw error;
  }
};
