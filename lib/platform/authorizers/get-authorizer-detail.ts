import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { AUTHORIZER_PROFILE_SELECT, withOutsideInvitation } from "./get-authorizer-profile";
import { EVENT_LIST_SELECT } from "../activity/list-events";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";

// One authorizer for its detail page: profile, scopes, token state (never the tokens), recent events.

const DETAIL_SELECT = { ...AUTHORIZER_PROFILE_SELECT, createdAt: true, updatedAt: true } satisfies Prisma.AuthorizerSelect;

export type TAuthorizerDetail = ReturnType<typeof withOutsideInvitation<Prisma.AuthorizerGetPayload<{ select: typeof DETAIL_SELECT }>>> & {
  hasRefreshToken: boolean;
  events: Prisma.EventGetPayload<{ select: typeof EVENT_LIST_SELECT }>[];
};

export const getAuthorizerDetail = async ({
  eventLimit = 50,
  ...ref
}: TAuthorizerRef & {
  eventLimit?: number;
}): Promise<TAuthorizerDetail> => {
  const db = getDb();
  const { appid } = ref;
  const [authorizer, withRefreshToken, events] = await Promise.all([
    db.authorizer.findUnique({ where: authorizerWhere(ref), select: DETAIL_SELECT }),
    // Whether a refresh token is stored, without reading it.
    db.authorizer.count({ where: { platformKey: ref.platformKey, appid, refreshToken: { not: null } } }),
    db.event.findMany({
      where: { appid, platformKey: ref.platformKey },
      orderBy: { id: "desc" },
      take: eventLimit,
      select: EVENT_LIST_SELECT,
    }),
  ]);
  if (!authorizer) throw new AppError("not_found", `No authorizer with appid ${appid}`);
  return { ...withOutsideInvitation(authorizer), hasRefreshToken: withRefreshToken > 0, events };
};
