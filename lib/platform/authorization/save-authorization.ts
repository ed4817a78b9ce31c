import { getDb } from "../../db";
import { encryptSecret, hashSecret } from "../../secrets";
import { funcInfoIds, type TAuthorizationInfo, type TAuthorizerInfo } from "../../wechat/client";
import { scopesWithNames } from "../../wechat/scopes";
import { authorizerProfileColumns } from "../authorizers/authorizer-profile-columns";
import { recordEvent } from "../activity/record-event";
import { wakeDeliveryWorker } from "../forwarding/delivery-signal";
import { enqueueDeliveries } from "../forwarding/enqueue-deliveries";
import { authorizerWhere } from "../platforms/authorizer-ref";

export type SaveAuthorizationOptions = {
  /** The platform the account authorized ("" the default one). */
  platformKey: string;
  authorization: TAuthorizationInfo;
  /** null when api_get_authorizer_info failed: the tokens are saved anyway (a lost refresh token means re-authorizing). */
  info: TAuthorizerInfo | null;
  source: "redirect" | "push";
  /** The invitation it came through, for the history (redeemAuthorizationLink marks it used). */
  linkId?: string | null;
  actor?: string | null;
};

/**
 * Saves a completed authorization in one transaction: the authorizer row (profile, kind, encrypted tokens,
 * status authorized), its scopes replaced, and the history event (exchanged, or updated with the scopes added and
 * removed).
 */
export const saveAuthorization = async ({ platformKey, authorization, info, source, linkId, actor = null }: SaveAuthorizationOptions) => {
  const appid = authorization.authorizer_appid;
  const ref = { platformKey, appid };
  const now = new Date();
  const scopeIds = funcInfoIds(authorization.func_info);
  const refreshToken = authorization.authorizer_refresh_token ?? info?.authorization_info.authorizer_refresh_token;
  const hasAccessToken = Boolean(authorization.authorizer_access_token && authorization.expires_in);
  const columns = {
    ...(info ? authorizerProfileColumns(info.authorizer_info) : {}),
    status: "authorized",
    statusReason: null,
    authorizedAt: now,
    // The previous access token is stale after a (re)authorization: replace it, or clear it when none came back.
    accessToken: hasAccessToken ? encryptSecret(authorization.authorizer_access_token!) : null,
    accessTokenHash: hasAccessToken ? hashSecret(authorization.authorizer_access_token!) : null,
    accessTokenExpiresAt: hasAccessToken ? new Date(now.getTime() + authorization.expires_in! * 1000) : null,
    // Re-authorization voids the old refresh token; without a new one, the stored one is kept rather than lost.
    ...(refreshToken ? { refreshToken: encryptSecret(refreshToken) } : {}),
    refreshFailures: 0,
    nextRetryAt: null,
  };
  const saved = await getDb().$transaction(async (transaction) => {
    const existing = await transaction.authorizer.findUnique({
      where: authorizerWhere(ref),
      select: { status: true, scopes: { select: { scopeId: true } } },
    });
    await transaction.authorizer.upsert({ where: authorizerWhere(ref), create: { ...ref, ...columns }, update: columns });
    await transaction.authorizerScope.deleteMany({ where: ref });
    if (scopeIds.length) await transaction.authorizerScope.createMany({ data: scopeIds.map((scopeId) => ({ ...ref, scopeId })) });
    const detail = {
      source,
      linkId: linkId ?? null,
      hasProfile: Boolean(info),
      hasRefreshToken: Boolean(refreshToken),
      accessTokenExpiresAt: columns.accessTokenExpiresAt?.toISOString() ?? null,
    };
    const name = info?.authorizer_info.nick_name || appid;
    const change = { appid, name, kind: columns.kind ?? null, scopes: scopesWithNames(scopeIds), source };
    if (existing) {
      const before = new Set(existing.scopes.map((scope) => scope.scopeId));
      const added = scopesWithNames(scopeIds.filter((id) => !before.has(id)));
      const removed = scopesWithNames([...before].filter((id) => !scopeIds.includes(id)).sort((a, b) => a - b));
      await recordEvent(
        {
          kind: "authorization.updated",
          platformKey,
          appid,
          message: `${name} authorized again (${added.length} scope(s) added, ${removed.length} removed)`,
          detail: { ...detail, previousStatus: existing.status, added, removed, scopes: scopesWithNames(scopeIds) },
          actor,
        },
        transaction,
      );
      const data = { ...change, previousStatus: existing.status, added, removed };
      await enqueueDeliveries(transaction, [{ type: "authorization.updated", appid, platformKey, occurredAt: now, data }]);
    } else {
      await recordEvent(
        {
          kind: "authorization.exchanged",
          platformKey,
          appid,
          message: `${name} authorized the platform`,
          detail: { ...detail, scopes: scopesWithNames(scopeIds) },
          actor,
        },
        transaction,
      );
    }
    if (!existing)
      await enqueueDeliveries(transaction, [{ type: "authorization.authorized", appid, platformKey, occurredAt: now, data: change }]);
    return { appid, isNew: !existing };
  });
  wakeDeliveryWorker();
  return saved;
};
