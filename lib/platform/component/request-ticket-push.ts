import { getEnv } from "../../env";
import { log } from "../../log";
import { acquireLease } from "../support/lease";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";

const PUSH_REQUEST_INTERVAL_MS = 10 * 60 * 1000;

export type RequestTicketPushOptions = { reason: string };

/**
 * Calls api_start_push_ticket so WeChat pushes component_verify_ticket again, at most once per 10 minutes
 * across every instance (the lease is never released; it expires). Returns whether a request was sent.
 */
export const requestTicketPush = async ({ reason }: RequestTicketPushOptions): Promise<boolean> => {
  const holder = `${getEnv().INSTANCE_ID}:${Date.now()}`;
  if (!(await acquireLease({ name: "ticket-push-request", ttlMs: PUSH_REQUEST_INTERVAL_MS, holder }))) return false;
  try {
    await getWechatClient().startPushTicket();
    await recordEvent({ kind: "ticket.push_requested", message: reason });
    return true;
  } catch (error) {
    const errcode = (error as { errcode?: number }).errcode ?? null;
    await recordEvent({ kind: "ticket.push_requested", outcome: "error", errcode, message: `${reason}; ${(error as Error).message}` });
    log.warn("ticket.push_request_failed", { error });
    return false;
  }
};
