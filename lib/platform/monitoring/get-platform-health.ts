import { getDb } from "../../db";
import { getComponentStatus } from "../component/get-component-status";
import { defaultPlatform, listPlatforms } from "../platforms/platform-registry";

type TTicketHealth = { receivedAt: string; ageSeconds: number } | null;
type TTokenHealth = { expiresAt: string; secondsLeft: number } | null;

export type TPlatformHealth = {
  database: "ok" | "unreachable";
  /** The default platform's (WECHAT_COMPONENT_*), as before there were several. */
  latestTicket: TTicketHealth;
  componentToken: TTokenHealth;
  /** Every added platform's, enabled or not. */
  platforms: Array<{ componentAppid: string; enabled: boolean; latestTicket: TTicketHealth; componentToken: TTokenHealth }>;
};

const ticketAndToken = async (now: Date, platform = defaultPlatform()) => {
  const { latestTicket, accessToken } = await getComponentStatus(now, platform);
  return {
    latestTicket: latestTicket && { receivedAt: latestTicket.receivedAt.toISOString(), ageSeconds: latestTicket.ageSeconds },
    componentToken: accessToken && { expiresAt: accessToken.expiresAt.toISOString(), secondsLeft: accessToken.secondsLeft },
  };
};

/** What /api/health answers: the database answers, and each platform's newest ticket age and component token expiry. */
export const getPlatformHealth = async (now = new Date()): Promise<TPlatformHealth> => {
  try {
    await getDb().$queryRaw`SELECT 1`;
    const added = (await listPlatforms()).filter((platform) => !platform.isDefault);
    const [own, ...others] = await Promise.all([ticketAndToken(now), ...added.map((platform) => ticketAndToken(now, platform))]);
    return {
      database: "ok",
      ...own,
      platforms: added.map((platform, index) => ({
        componentAppid: platform.componentAppid,
        enabled: platform.isEnabled,
        ...others[index],
      })),
    };
  } catch {
    return { database: "unreachable", latestTicket: null, componentToken: null, platforms: [] };
  }
};
