import { getDb } from "../../db";
import { decryptSecret } from "../../secrets";

/** A ticket is valid for 12 hours after WeChat created it. */
export const VERIFY_TICKET_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The newest ticket by WeChat's CreateTime (an older one delivered late never wins) still within its 12 hours, decrypted. */
export const getLatestVerifyTicket = async (now = new Date()) => {
  const latest = await getDb().verifyTicket.findFirst({ orderBy: [{ createTime: "desc" }, { id: "desc" }] });
  if (!latest || latest.createTime.getTime() + VERIFY_TICKET_LIFETIME_MS <= now.getTime()) return undefined;
  return { ticket: decryptSecret(latest.ticket), createTime: latest.createTime, receivedAt: latest.receivedAt };
};
