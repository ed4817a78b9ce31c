import { getEnv } from "../../env";
import { SCOPES } from "../../wechat/scopes";
import { findAuthorizationLink, unavailableLinkError } from "./find-authorization-link";

type TLabel = { zh: string; en: string };

/** Which account kinds each auth_type lets the admin pick (§4.3 of the protocol reference). */
const ACCOUNT_KINDS: Record<number, TLabel[]> = {
  1: [{ zh: "公众号", en: "Official accounts" }],
  2: [{ zh: "小程序", en: "Mini programs" }],
  3: [
    { zh: "公众号", en: "Official accounts" },
    { zh: "小程序", en: "Mini programs" },
  ],
  4: [{ zh: "小程序推客帐号", en: "Mini program promoter accounts" }],
  5: [{ zh: "视频号", en: "Channels accounts" }],
  6: [
    { zh: "公众号", en: "Official accounts" },
    { zh: "小程序", en: "Mini programs" },
    { zh: "视频号", en: "Channels accounts" },
  ],
};

export const parseCategoryIds = (stored: string | null) =>
  stored
    ? stored
        .split("|")
        .map(Number)
        .filter((id) => Number.isInteger(id) && id > 0)
    : [];

const scopeLabel = (id: number): TLabel & { id: number } => ({
  id,
  zh: SCOPES[id]?.zh ?? `权限集 ${id}`,
  en: SCOPES[id]?.en ?? `Permission set ${id}`,
});

/**
 * What the merchant's page shows for an invitation: which platform asks, for which account kinds and which
 * permission sets (by name), until when, and the phone link the QR code encodes. Unusable invitations come back
 * as { isOpen: false, error } with the AppError (404 or 410) explaining what to do.
 */
export const getAuthorizationInvitation = async ({ token }: { token: string }) => {
  const { link, availability } = await findAuthorizationLink({ token });
  if (availability !== "open" || !link)
    return { isOpen: false as const, error: unavailableLinkError(availability === "open" ? "unknown" : availability) };
  const env = getEnv();
  const categoryIds = parseCategoryIds(link.categoryIds);
  return {
    isOpen: true as const,
    invitation: {
      token: link.token,
      componentAppid: env.WECHAT_COMPONENT_APPID,
      authType: link.authType,
      accountKinds: ACCOUNT_KINDS[link.authType] ?? ACCOUNT_KINDS[3],
      bizAppid: link.bizAppid,
      /** Empty when the link asks for every set the platform has released (WeChat decides the list). */
      scopes: categoryIds.map(scopeLabel),
      expiresAt: link.expiresAt,
      pcPath: `/authorize/${link.token}/pc`,
      mobileUrl: `${env.APP_URL}/authorize/${link.token}/mobile`,
    },
  };
};

export type TAuthorizationInvitation = Extract<Awaited<ReturnType<typeof getAuthorizationInvitation>>, { isOpen: true }>["invitation"];
