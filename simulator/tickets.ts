import type { TDelivery, TSimulatorContext, TTicketRecord } from "./context";
import { deliverPush } from "./push-delivery";
import { newVerifyTicket } from "./random";
import { allPlatforms, primaryPlatform, type TSimulatorPlatform } from "./platforms";

export const TICKET_LIFETIME_SECONDS = 12 * 3600;

/** Records a new ticket for a platform (valid from now, whether or not the push arrives) and pushes it to its URL. */
export const pushNewTicket = (context: TSimulatorContext, platform: TSimulatorPlatform = primaryPlatform(context)): Promise<TDelivery> => {
  const record: TTicketRecord = { ticket: newVerifyTicket(), issuedAtMs: context.clock.nowMs(), componentAppid: platform.componentAppid };
  context.state.tickets.set(record.ticket, record);
  if (platform.isPrimary) context.state.latestTicket = record;
  else context.state.latestTickets.set(platform.componentAppid, record);
  return deliverPush(context, { InfoType: "component_verify_ticket", ComponentVerifyTicket: record.ticket }, platform);
};

/**
 * 0 when usable by this platform (the primary one unless told), else 61006 (never pushed to it) or 61005 (older
 * than 12 h of simulator time).
 */
export const checkTicket = (
  context: TSimulatorContext,
  ticket: string | undefined,
  componentAppid = context.config.componentAppid,
): number => {
  const record = ticket ? context.state.tickets.get(ticket) : undefined;
  if (!record || record.componentAppid !== componentAppid) return 61006;
  return context.clock.nowMs() - record.issuedAtMs > TICKET_LIFETIME_SECONDS * 1000 ? 61005 : 0;
};

export const describeTicket = (record: TTicketRecord | undefined) =>
  record && {
    ticket: record.ticket,
    issuedAt: new Date(record.issuedAtMs).toISOString(),
    expiresAt: new Date(record.issuedAtMs + TICKET_LIFETIME_SECONDS * 1000).toISOString(),
  };

/** Pushes every interval of real time, starting shortly after start as an approved platform sees it. */
export const startTicketTimer = (context: TSimulatorContext, onError: (error: unknown) => void) => {
  const seconds = context.config.ticketIntervalSeconds;
  if (seconds <= 0) return () => {};
  const push = () => {
    for (const platform of allPlatforms(context)) void pushNewTicket(context, platform).catch(onError);
  };
  const first = setTimeout(push, 500);
  const interval = setInterval(push, seconds * 1000);
  first.unref();
  interval.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
};
