"use server";

import { qrSvg } from "@/components/ui/qr-svg";
import { actorLabel, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { createAuthorizationLink } from "@/lib/platform/authorization/create-authorization-link";
import { isAppid } from "@/lib/wechat/appid";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";

export type TInvitation = { inviteUrl: string; pcPath: string; mobileUrl: string; qrSvg: string; expiresAt: string };

// Server action: create an authorization invitation (operators and admins). Answers the link, its QR code
// (the phone link, drawn here) and the PC form path; the merchant does the rest.
export const createInvitation = async (_previous: TActionState<TInvitation>, form: FormData): Promise<TActionState<TInvitation>> => {
  const user = await requireUser();
  const { t } = await getLocale();
  return runAction(async () => {
    const authType = Number(form.get("authType") ?? 3);
    const bizAppid = formText(form, "bizAppid").trim();
    // createAuthorizationLink checks it too; here the form gets the message in the reader's language.
    if (bizAppid && !isAppid(bizAppid)) throw new AppError("bad_request", t.invite.appidInvalid);
    const categoryIds = form
      .getAll("scope")
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0);
    const platform = await requestedPlatform(formText(form, PLATFORM_PARAM));
    const link = await createAuthorizationLink({
      platform,
      authType,
      bizAppid: bizAppid || null,
      categoryIds: categoryIds.length ? categoryIds : null,
      createdBy: { userId: user.id, label: actorLabel(user) },
    });
    const mobileUrl = `${link.inviteUrl}/mobile`;
    return {
      inviteUrl: link.inviteUrl,
      pcPath: `/authorize/${link.token}/pc`,
      mobileUrl,
      qrSvg: await qrSvg(mobileUrl),
      expiresAt: link.expiresAt.toISOString(),
    };
  });
};
