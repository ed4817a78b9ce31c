import { getDb } from "../../db";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { ticketsOf } from "./get-latest-verify-ticket";
import { getTokenSource, type TTokenSource } from "../upstream/get-token-source";

export type TComponentStatus = {
  componentAppid: string;
  tokenSource: TTokenSource;
  latestTicket: { receivedAt: Date; ageSeconds: number } | null;
  accessToken: { expiresAt: Date; fetchedAt: Date; secondsLeft: number } | null;
};

/** GET /api/v1/component: how old a platform's newest ticket is and when its component token expires (never the token). */
export const getComponentStatus = async (now = new Date(), platform: TPlatform = defaultPlatform()): Promise<TComponentStatus> => {
  const { componentAppid } = platform;
  const db = getDb();
  const [ticket, token] = await Promise.all([
    db.verifyTicket.findFirst({ where: ticketsOf(platform), orderBy: { id: "desc" }, select: { receivedAt: true } }),
    db.componentToken.findUnique({ where: { componentAppid }, select: { expiresAt: true, fetchedAt: true } }),
  ]);
  const secondsBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);
  return {
    componentAppid,
    tokenSource: getTokenSource(),
    latestTicket: ticket ? { receivedAt: ticket.receivedAt, ageSeconds: secondsBetween(ticket.receivedAt, now) } : null,
    accessToken: token ? { ...token, secondsLeft: secondsBetween(now, token.expiresAt) } : null,
  };
};
