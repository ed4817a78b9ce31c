import { getDb } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { completeAuthorization } from "./complete-authorization";
import { findAuthorizationLink } from "./find-authorization-link";
import { consumeRateLimit, readRateLimit } from "../support/consume-rate-limit";
import { requireEnabledPlatformOfKey } from "../platforms/platform-key";

export type CompleteAuthorizationRedirectOptions = { state?: string | null; authCode?: string | null; clientIp?: string | null };

/** Codes WeChat refused for one invitation before it stops exchanging them (each costs api_query_auth quota). */
export const MAX_FAILED_EXCHANGES = 5;
/** Counted over an invitation's longest life. */
const FAILED_EXCHANGE_WINDOW_MS = 7 * 24 * 3600_000;
const CALLBACKS_PER_CLIENT_PER_10_MINUTES = 30;

const restart = { zh: "请回到授权链接页面重新授权；如链接已失效，请联系平台运营方获取新的链接。" };

/** Was this exact code already completed for this invitation? Then a reload of the callback just shows success. */
const isReplay = async (authCode: string, appid: string | null) => {
  if (!appid) return false;
  const claim = await getDb().authCodeClaim.findUnique({
    where: { codeHash: hashSecret(authCode) },
    select: { status: true, appid: true },
  });
  return claim?.status === "done" && claim.appid === appid;
};

/**
 * GET /api/wechat/authorize/callback: checks the invitation's state (known, unexpired, unused) and the auth_code,
 * then completes the authorization. Answers the invitation token for the success page. Bad input throws an
 * AppError (400/404/410) and changes nothing.
 */
export const completeAuthorizationRedirect = async ({ state, authCode, clientIp }: CompleteAuthorizationRedirectOptions) => {
  if (clientIp) await consumeRateLimit({ key: `callback:ip:${clientIp}`, limit: CALLBACKS_PER_CLIENT_PER_10_MINUTES, windowMs: 600_000 });
  if (!state) {
    throw new AppError(
      "bad_request",
      "The return link from WeChat carries no state, so it cannot be matched to an invitation. Start again from your invitation link.",
      restart,
    );
  }
  const { link, availability } = await findAuthorizationLink({ state });
  if (!link) {
    throw new AppError(
      "not_found",
      "This return link does not match any authorization invitation. Start again from your invitation link, or ask the platform operator for a new one.",
      restart,
    );
  }
  if (!authCode) {
    throw new AppError(
      "bad_request",
      "WeChat did not send an authorization code (auth_code) back, so nothing was authorized. Start the authorization again from your invitation link.",
      restart,
    );
  }
  if (availability === "used") {
    if (await isReplay(authCode, link.authorizerAppid)) return { token: link.token, appid: link.authorizerAppid! };
    throw new AppError(
      "gone",
      "This invitation has already been used to authorize an account. Each link works once; ask the platform operator for a new link to authorize again.",
      {
        zh: "这个授权链接已经使用过（每个链接只能使用一次）。如需再次授权，请联系平台运营方获取新的链接。",
      },
    );
  }
  if (availability === "expired") {
    throw new AppError("gone", "This invitation expired before the authorization came back. Ask the platform operator for a new link.", {
      zh: "授权链接已过期。请联系平台运营方获取新的授权链接。",
    });
  }
  const failures = { key: `exchange-failures:${link.id}`, windowMs: FAILED_EXCHANGE_WINDOW_MS };
  const failedExchanges = await readRateLimit(failures);
  if (failedExchanges >= MAX_FAILED_EXCHANGES) {
    throw new AppError(
      "gone",
      `WeChat refused ${failedExchanges} authorization codes sent back for this invitation, so it accepts no more. Ask the platform operator for a new link.`,
      { zh: "这个授权链接的失败次数过多，已停止使用。请联系平台运营方获取新的授权链接。" },
    );
  }
  try {
    const platform = await requireEnabledPlatformOfKey(link.platformKey);
    const { appid } = await completeAuthorization({ authCode, source: "redirect", platform, link, actor: "merchant" });
    return { token: link.token, appid };
  } catch (error) {
    // A code WeChat refused (61009, 61010) counts against the invitation; a transient failure does not.
    if (error instanceof AppError && error.code === "bad_request") {
      await consumeRateLimit(failures);
    }
    throw error;
  }
};
