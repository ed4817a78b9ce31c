import { getDb } from "../../db";
import { decryptSecret } from "../../secrets";

/** A ticket is valid for 12 hours after WeChat created it. */
export const VERIFY_TICKET_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The newest ticket still within its 12 hours, decrypted; undefined when there is none. */
export const getLatestVerifyTicket = async (now = new Date()) => {
  const latest = await getDb().verifyTicket.findFirst({ orderBy: { id: "desc" } });
  if (!latest || latest.createTime.getTime() + VERIFY_TICKET_LIFETIME_MS <= now.getTime()) return undefined;
  return { ticket: decryptSecret(latest.ticket), createTime: latest.createTime, receivedAt: latest.receivedAt };
};
