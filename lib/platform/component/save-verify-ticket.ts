import { getDb } from "../../db";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";

export type SaveVerifyTicketOptions = { ticket: string; createTime: Date };

/** Stores a pushed component_verify_ticket (history kept, newest wins). A fast write: WeChat is waiting. */
export const saveVerifyTicket = async ({ ticket, createTime }: SaveVerifyTicketOptions) => {
  const saved = await getDb().verifyTicket.create({
    data: { ticket: encryptSecret(ticket), createTime },
    select: { id: true, receivedAt: true },
  });
  await recordEvent({ kind: "ticket.received", detail: { createTime: createTime.toISOString() } });
  return saved;
};
