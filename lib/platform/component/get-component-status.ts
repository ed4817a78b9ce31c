import { getDb } from "../../db";
import { getEnv } from "../../env";
import { getTokenSource, type TTokenSource } from "../upstream/get-token-source";

export type TComponentStatus = {
  componentAppid: string;
  tokenSource: TTokenSource;
  latestTicket: { receivedAt: Date; ageSeconds: number } | null;
  accessToken: { expiresAt: Date; fetchedAt: Date; secondsLeft: number } | null;
};

/** GET /api/v1/component: how old the newest ticket is and when the component token expires (never the token). */
export const getComponentStatus = async (now = new Date()): Promise<TComponentStatus> => {
  const { WECHAT_COMPONENT_APPID: componentAppid } = getEnv();
  const db = getDb();
  const [ticket, token] = await Promise.all([
    db.verifyTicket.findFirst({ orderBy: { id: "desc" }, select: { receivedAt: true } }),
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
