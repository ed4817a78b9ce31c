import { getDb } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { authorizerWhere } from "../platforms/authorizer-ref";

/** What an invitation allows: one platform, one account (bizAppid) and the kinds of its auth_type. */
export type TLinkLimits = { id: string; platformKey: string; bizAppid: string | null; authType: number };

/** auth_type 1 and 2 name one kind; 3 and 6 let the admin pick either, 4 and 5 are kinds wxopen stores as neither. */
const KIND_BY_AUTH_TYPE: Record<number, "official_account" | "mini_program"> = { 1: "official_account", 2: "mini_program" };
const KIND_NAMES = { official_account: { zh: "公众号", en: "an official account" }, mini_program: { zh: "小程序", en: "a mini program" } };

/** The invitation a pushed `authorized` names through its PreAuthCode, if wxopen made that code. */
export const findLinkByPreAuthCode = async (preAuthCode: string | undefined): Promise<TLinkLimits | null> => {
  if (!preAuthCode) return null;
  const row = await getDb().preAuthCode.findUnique({
    where: { codeHash: hashSecret(preAuthCode) },
    select: { link: { select: { id: true, platformKey: true, bizAppid: true, authType: true } } },
  });
  return row?.link ?? null;
};

/**
 * Marks an invitation used by the account that authorized through it, once the authorization is saved. WeChat's
 * page enforces biz_appid and auth_type only as far as the URL carries them, so they are checked here against what
 * WeChat answered. A mismatch still spends the invitation (one link must not onboard any number of accounts), marks
 * the account "authorized outside its invitation", is recorded as an error event with both appids, and throws a 409
 * the merchant can read. The authorization itself is kept: WeChat granted it, and its refresh token must not be lost.
 */
export const redeemAuthorizationLink = async ({ link, appid, actor }: { link: TLinkLimits; appid: string; actor?: string | null }) => {
  const ref = { platformKey: link.platformKey, appid };
  const row = await getDb().authorizer.findUniqueOrThrow({ where: authorizerWhere(ref), select: { kind: true } });
  const expectedKind = KIND_BY_AUTH_TYPE[link.authType];
  const isOtherAccount = Boolean(link.bizAppid && link.bizAppid !== appid);
  const isOtherKind = Boolean(expectedKind && row.kind !== expectedKind);
  const message = isOtherAccount
    ? `This invitation is for account ${link.bizAppid}, but ${appid} was authorized. The invitation is now used up: ask the platform operator for a new link.`
    : isOtherKind
      ? `This invitation is for ${KIND_NAMES[expectedKind!].en}, but ${appid} is ${KIND_NAMES[row.kind as keyof typeof KIND_NAMES]?.en ?? row.kind}. The invitation is now used up: ask the platform operator for a link for this kind of account.`
      : null;
  const now = new Date();
  await getDb().$transaction(async (transaction) => {
    await transaction.preAuthCode.updateMany({ where: { linkId: link.id, spentAt: null }, data: { spentAt: now } });
    const spent = await transaction.authorizationLink.updateMany({
      where: { id: link.id, usedAt: null },
      data: { usedAt: now, authorizerAppid: appid },
    });
    // The redirect and WeChat's push both complete one authorization, in either order and possibly long apart: only
    // the first to spend the invitation marks or clears the account, so a late push of an older authorization
    // cannot undo what a newer one through another invitation decided (and the mismatch is recorded once).
    if (spent.count === 0) return;
    if (!message) {
      await transaction.authorizer.updateMany({
        where: { ...ref, outsideInvitationAt: { not: null } },
        data: { outsideInvitationAt: null, outsideInvitationReason: null },
      });
      return;
    }
    const reason = isOtherAccount
      ? `Authorized through invitation ${link.id}, which was for account ${link.bizAppid}`
      : `Authorized through invitation ${link.id}, which was for ${KIND_NAMES[expectedKind!].en}`;
    await transaction.authorizer.update({
      where: authorizerWhere(ref),
      data: { outsideInvitationAt: now, outsideInvitationReason: reason },
    });
    await recordEvent(
      {
        kind: "authorization.failed",
        platformKey: link.platformKey,
        appid,
        outcome: "error",
        message: `Invitation mismatch (the invitation is spent, the account is marked authorized outside its invitation): ${message}`,
        detail: { linkId: link.id, expectedAppid: link.bizAppid, appid, expectedKind: expectedKind ?? null, kind: row.kind },
        actor,
      },
      transaction,
    );
  });
  if (message) {
    throw new AppError("conflict", message, {
      zh: isOtherAccount
        ? `这个授权链接仅限账号 ${link.bizAppid} 使用，但本次授权的是 ${appid}。这个链接已失效，请联系平台运营方获取新的链接。`
        : `这个授权链接仅限${KIND_NAMES[expectedKind!].zh}使用，但本次授权的账号不是${KIND_NAMES[expectedKind!].zh}。这个链接已失效，请联系平台运营方获取新的链接。`,
    });
  }
};
