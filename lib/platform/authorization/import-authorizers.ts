import { getDb } from "../../db";
import { log } from "../../log";
import { decryptSecret, encryptSecret } from "../../secrets";
import { funcInfoIds, type TAuthorizerInfo } from "../../wechat/client";
import { WechatApiError } from "../../wechat/errors";
import { authorizerProfileColumns } from "../authorizers/authorizer-profile-columns";
import { callWithComponentToken } from "../component/call-with-component-token";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";
import { assertOwnsTokens } from "../upstream/get-token-source";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";
import { platformDetail } from "../platforms/platform-detail";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";

export type ImportAuthorizersOptions = { actor?: string | null; platform?: TPlatform };

/** api_get_authorizer_list answers at most 500 a page (40170 above). */
const PAGE_SIZE = 500;
const PROFILE_CONCURRENCY = 8;

type TListedAuthorizer = { authorizer_appid: string; refresh_token: string; auth_time: number };

const fetchProfile = async (platform: TPlatform, appid: string): Promise<TAuthorizerInfo | null> => {
  try {
    return await callWithComponentToken(
      (componentAccessToken) => getWechatClient(platform).getAuthorizerInfo(componentAccessToken, appid),
      platform,
    );
  } catch (error) {
    log.warn("authorizer.import_profile_failed", { appid, error });
    return null;
  }
};

/** Adds or updates one listed authorizer; the listed refresh token is WeChat's current one (an empty one never replaces ours). */
const saveListed = async (platformKey: string, item: TListedAuthorizer, info: TAuthorizerInfo | null) => {
  const appid = item.authorizer_appid;
  const ref: TAuthorizerRef = { platformKey, appid };
  const scopeIds = info ? funcInfoIds(info.authorization_info.func_info) : null;
  return getDb().$transaction(async (transaction) => {
    const existing = await transaction.authorizer.findUnique({ where: authorizerWhere(ref), select: { status: true, refreshToken: true } });
    const isSameRefreshToken = existing?.refreshToken ? decryptSecret(existing.refreshToken) === item.refresh_token : false;
    // A needs_reauthorization row listed with the very token WeChat already rejected stays as it is.
    const status = existing?.status === "needs_reauthorization" && isSameRefreshToken ? {} : { status: "authorized", statusReason: null };
    const columns = {
      ...(info ? authorizerProfileColumns(info.authorizer_info) : {}),
      ...(item.refresh_token ? { refreshToken: encryptSecret(item.refresh_token) } : {}),
      ...status,
    };
    if (existing) {
      await transaction.authorizer.update({ where: authorizerWhere(ref), data: columns });
    } else {
      await transaction.authorizer.create({
        data: { ...ref, ...columns, status: "authorized", authorizedAt: new Date(item.auth_time * 1000) },
      });
    }
    if (scopeIds) {
      await transaction.authorizerScope.deleteMany({ where: ref });
      if (scopeIds.length) await transaction.authorizerScope.createMany({ data: scopeIds.map((scopeId) => ({ ...ref, scopeId })) });
    }
    return !existing;
  });
};

/** Runs fn over items with at most `limit` at a time. */
const forEachLimited = async <T>(items: T[], limit: number, fn: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
};

/**
 * Pages through api_get_authorizer_list and adds or updates every authorizer with its refresh token and profile,
 * so a platform moving to wxopen keeps its authorizations without asking merchants again. An account whose
 * profile cannot be fetched is still saved with its refresh token.
 */
export const importAuthorizers = async ({ actor = null, platform = defaultPlatform() }: ImportAuthorizersOptions = {}) => {
  assertOwnsTokens("import authorizations");
  const client = getWechatClient(platform);
  const platformKey = platformKeyOf(platform);
  let offset = 0;
  let total = 0;
  let created = 0;
  let updated = 0;
  let withoutProfile = 0;
  for (;;) {
    let page;
    try {
      page = await callWithComponentToken(
        (componentAccessToken) => client.getAuthorizerList(componentAccessToken, offset, PAGE_SIZE),
        platform,
      );
    } catch (error) {
      const errcode = error instanceof WechatApiError ? error.errcode : null;
      await recordEvent({
        kind: "authorizer.imported",
        outcome: "error",
        errcode,
        message: `Import stopped at offset ${offset}: ${(error as Error).message}`,
        detail: { offset, created, updated, ...platformDetail(platform) },
        actor,
      });
      throw error;
    }
    total = page.total_count;
    await forEachLimited(page.list, PROFILE_CONCURRENCY, async (item) => {
      const info = await fetchProfile(platform, item.authorizer_appid);
      if (!info) withoutProfile += 1;
      if (await saveListed(platformKey, item, info)) created += 1;
      else updated += 1;
    });
    offset += page.list.length;
    if (page.list.length === 0 || offset >= total) break;
  }
  await recordEvent({
    kind: "authorizer.imported",
    message: `Imported ${created + updated} authorizer(s) from api_get_authorizer_list: ${created} new, ${updated} updated`,
    detail: { total, created, updated, withoutProfile, ...platformDetail(platform) },
    actor,
  });
  return { total, created, updated, withoutProfile };
};
