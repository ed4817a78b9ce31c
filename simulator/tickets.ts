import type { TDelivery, TSimulatorContext, TTicketRecord } from "./context";
import { deliverPush } from "./push-delivery";
import { newVerifyTicket } from "./random";

export const TICKET_LIFETIME_SECONDS = 12 * 3600;

/** Records a new ticket (valid from now, whether or not the push arrives) and pushes it. */
export const pushNewTicket = (context: TSimulatorContext): Promise<TDelivery> => {
  const record: TTicketRecord = { ticket: newVerifyTicket(), issuedAtMs: context.clock.nowMs() };
  context.state.tickets.set(record.ticket, record);
  context.state.latestTicket = record;
  return deliverPush(context, { InfoType: "component_verify_ticket", ComponentVerifyTicket: record.ticket });
};

/** 0 when usable, else 61006 (never pushed by us) or 61005 (older than 12 h of simulator time). */
export const checkTicket = (context: TSimulatorContext, ticket: string | undefined): number => {
  const record = ticket ? context.state.tickets.get(ticket) : undefined;
  if (!record) return 61006;
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
  const push = () => void pushNewTicket(context).catch(onError);
  const first = setTimeout(push, 500);
  const interval = setInterval(push, seconds * 1000);
  first.unref();
  interval.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
};
