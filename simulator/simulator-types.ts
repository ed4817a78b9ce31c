import type { TAccount } from "./accounts";
import type { TAuthorizeOptions, TAuthorizeResult } from "./authorizations";
import type { TMutableConfig, TResolvedConfig } from "./config";
import type { TAuthorization, TCall, TDelivery } from "./context";
import type { TFault, TFaultRecord } from "./faults";
import type { TAddAccountsOptions, TCallFilter } from "./operations";
import type { TPushMessage } from "./push-delivery";

export type TTicketView = { ticket: string; issuedAt: string; expiresAt: string };

export type TAccountView = TAccount & { authorization: TAuthorization | null };

export type TSimulatorSummary = {
  url: string;
  now: string;
  clockOffsetSeconds: number;
  componentAppid: string;
  notifyUrl: string;
  authDomains: string[];
  ticketIntervalSeconds: number;
  latestTicket: TTicketView | null;
  accountCount: number;
  activeAuthorizations: string[];
  callCount: number;
  deliveryCount: number;
  pendingDeliveries: number;
  faults: TFaultRecord[];
  quotaUsageToday: Record<string, number>;
};

/** A running simulator. Every method is also reachable over HTTP under /__sim/ (see control/routes.ts). */
export type TSimulator = {
  /** Base origin, e.g. http://127.0.0.1:41234: use it as WECHAT_API_BASE, WECHAT_MP_BASE and WECHAT_OPEN_BASE. */
  url: string;
  /** The live configuration (read-only view; change it with setConfig). */
  config: Readonly<TResolvedConfig>;
  close: () => Promise<void>;
  /** Pushes a new component_verify_ticket now and resolves once delivered or given up. */
  pushTicket: () => Promise<TDelivery>;
  /** Pushes any InfoType message; AppId and CreateTime are filled in when absent. */
  push: (message: TPushMessage) => Promise<TDelivery>;
  calls: (filter?: TCallFilter) => TCall[];
  clearCalls: () => void;
  deliveries: () => TDelivery[];
  clearDeliveries: () => void;
  addFault: (fault: TFault) => TFaultRecord;
  faults: () => TFaultRecord[];
  clearFaults: () => void;
  advanceClock: (seconds: number) => { now: string; offsetSeconds: number };
  now: () => Date;
  accounts: () => TAccountView[];
  addAccounts: (count: number, options?: TAddAccountsOptions) => TAccount[];
  /** Authorizes without the page (and without a pre_auth_code); pushes authorized/updateauthorized unless told not to. */
  authorizeProgrammatically: (options: TAuthorizeOptions) => TAuthorizeResult;
  cancelAuthorization: (appid: string) => Promise<TDelivery>;
  latestTicket: () => TTicketView | null;
  setConfig: (change: Partial<TMutableConfig>) => void;
  state: () => TSimulatorSummary;
};
