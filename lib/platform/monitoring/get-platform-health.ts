import { getDb } from "../../db";
import { getEnv } from "../../env";

export type TPlatformHealth = {
  database: "ok" | "unreachable";
  latestTicket: { receivedAt: string; ageSeconds: number } | null;
  componentToken: { expiresAt: string; secondsLeft: number } | null;
};

/** What /api/health answers: the database answers, how old the newest ticket is, when the component token expires. */
export const getPlatformHealth = async (now = new Date()): Promise<TPlatformHealth> => {
  const db = getDb();
  try {
    const [ticket, token] = await Promise.all([
      db.verifyTicket.findFirst({ orderBy: { id: "desc" }, select: { receivedAt: true } }),
      db.componentToken.findUnique({ where: { componentAppid: getEnv().WECHAT_COMPONENT_APPID }, select: { expiresAt: true } }),
    ]);
    return {
      database: "ok",
      latestTicket: ticket
        ? { receivedAt: ticket.receivedAt.toISOString(), ageSeconds: Math.round((now.getTime() - ticket.receivedAt.getTime()) / 1000) }
        : null,
      componentToken: token
        ? { expiresAt: token.expiresAt.toISOString(), secondsLeft: Math.round((token.expiresAt.getTime() - now.getTime()) / 1000) }
        : null,
    };
  } catch {
    return { database: "unreachable", latestTicket: null, componentToken: null };
  }
};
