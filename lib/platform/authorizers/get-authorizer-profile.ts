import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";
import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { scopesWithNames, type TLocale } from "../../wechat/scopes";

// One authorizer for GET /api/v1/authorizers/:appid: profile, status, named scopes and token expiry. Never a token.

/** Every non-secret column of an authorizer, with its scope ids: what profile reads may select. */
export const AUTHORIZER_PROFILE_SELECT = {
  appid: true,
  kind: true,
  status: true,
  statusReason: true,
  outsideInvitationReason: true,
  outsideInvitationAt: true,
  nickName: true,
  headImg: true,
  userName: true,
  principalName: true,
  alias: true,
  serviceType: true,
  verifyType: true,
  qrcodeUrl: true,
  accountStatus: true,
  accessTokenExpiresAt: true,
  authorizedAt: true,
  unauthorizedAt: true,
  lastRefreshAt: true,
  lastRefreshOk: true,
  lastRefreshError: true,
  lastErrcode: true,
  refreshFailures: true,
  nextRetryAt: true,
  scopes: { select: { scopeId: true }, orderBy: { scopeId: "asc" } },
} satisfies Prisma.AuthorizerSelect;

/**
 * The two outsideInvitation columns as one field: set when the account authorized through an invitation meant for
 * another account or kind (see redeem-authorization-link.ts), else null.
 */
export const withOutsideInvitation = <T extends { outsideInvitationReason: string | null; outsideInvitationAt: Date | null }>(row: T) => {
  const { outsideInvitationReason, outsideInvitationAt, ...rest } = row;
  return { ...rest, outsideInvitation: outsideInvitationAt ? { reason: outsideInvitationReason ?? "", at: outsideInvitationAt } : null };
};

export type GetAuthorizerProfileOptions = TAuthorizerRef & { locale?: TLocale };

export const getAuthorizerProfile = async ({ locale = "zh", ...ref }: GetAuthorizerProfileOptions) => {
  const row = await getDb().authorizer.findUnique({ where: authorizerWhere(ref), select: AUTHORIZER_PROFILE_SELECT });
  if (!row) throw new AppError("not_found", `No authorizer has appid ${ref.appid}`);
  const { scopes, ...profile } = withOutsideInvitation(row);
  return {
    ...profile,
    scopes: scopesWithNames(
      scopes.map((scope) => scope.scopeId),
      locale,
    ),
  };
};
