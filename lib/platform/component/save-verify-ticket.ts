import { getDb } from "../../db";
import { encryptSecret } from "../../secrets";
import { recordEvent } from "../activity/record-event";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformDetail } from "../platforms/platform-detail";

export type SaveVerifyTicketOptions = { ticket: string; createTime: Date; platform?: TPlatform };

/** Stores a pushed component_verify_ticket for its platform (history kept, newest wins). A fast write: WeChat is waiting. */
export const saveVerifyTicket = async ({ ticket, createTime, platform = defaultPlatform() }: SaveVerifyTicketOptions) => {
  const saved = await getDb().verifyTicket.create({
    data: { componentAppid: platform.componentAppid, ticket: encryptSecret(ticket), createTime },
    select: { id: true, receivedAt: true },
  });
  await recordEvent({ kind: "ticket.received", detail: { createTime: createTime.toISOString(), ...platformDetail(platform) } });
  return saved;
};
