import { getDb } from "../../db";
import { decryptSecret } from "../../secrets";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";

/** A ticket is valid for 12 hours after WeChat created it. */
export const VERIFY_TICKET_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The rows of a platform's tickets: the default platform's include those stored before platforms ("", gone within days). */
export const ticketsOf = ({ componentAppid, isDefault }: Pick<TPlatform, "componentAppid" | "isDefault">) => ({
  componentAppid: isDefault ? { in: [componentAppid, ""] } : componentAppid,
});

/** The newest ticket by WeChat's CreateTime (an older one delivered late never wins) still within its 12 hours, decrypted. */
export const getLatestVerifyTicket = async (now = new Date(), platform: TPlatform = defaultPlatform()) => {
  const latest = await getDb().verifyTicket.findFirst({ where: ticketsOf(platform), orderBy: [{ createTime: "desc" }, { id: "desc" }] });
  if (!latest || latest.createTime.getTime() + VERIFY_TICKET_LIFETIME_MS <= now.getTime()) return undefined;
  return { ticket: decryptSecret(latest.ticket), createTime: latest.createTime, receivedAt: latest.receivedAt };
};
