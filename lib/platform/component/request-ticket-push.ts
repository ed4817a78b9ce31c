import { getEnv } from "../../env";
import { log } from "../../log";
import { acquireLease } from "../support/lease";
import { recordEvent } from "../activity/record-event";
import { getWechatClient } from "../support/wechat-client";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformDetail, platformScoped } from "../platforms/platform-detail";

const PUSH_REQUEST_INTERVAL_MS = 10 * 60 * 1000;

export type RequestTicketPushOptions = { reason: string; platform?: TPlatform };

/**
 * Calls api_start_push_ticket so WeChat pushes a platform's component_verify_ticket again, at most once per 10
 * minutes per platform across every instance (the lease is never released; it expires). Returns whether a request was sent.
 */
export const requestTicketPush = async ({ reason, platform = defaultPlatform() }: RequestTicketPushOptions): Promise<boolean> => {
  const holder = `${getEnv().INSTANCE_ID}:${Date.now()}`;
  const name = platformScoped("ticket-push-request", platform);
  if (!(await acquireLease({ name, ttlMs: PUSH_REQUEST_INTERVAL_MS, holder }))) return false;
  const detail = platformDetail(platform);
  try {
    await getWechatClient(platform).startPushTicket();
    await recordEvent({ kind: "ticket.push_requested", message: reason, detail });
    return true;
  } catch (error) {
    const errcode = (error as { errcode?: number }).errcode ?? null;
    await recordEvent({
      kind: "ticket.push_requested",
      outcome: "error",
      errcode,
      message: `${reason}; ${(error as Error).message}`,
      detail,
    });
    log.warn("ticket.push_request_failed", { error });
    return false;
  }
};
