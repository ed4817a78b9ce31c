import type { TAccount } from "./accounts";
import type { TAuthorizeOptions, TAuthorizeResult } from "./authorizations";
import type { TMutableConfig, TResolvedConfig } from "./config";
import type { TAuthorization, TCall, TDelivery } from "./context";
import type { TCustomMessage } from "./custom-messages";
import type { TFault, TFaultRecord } from "./faults";
import type { TSendMessageOptions } from "./message-content";
import type { TMessageRecord } from "./messages";
import type { TAddAccountsOptions, TCallFilter } from "./operations";
import type { TPushMessage } from "./push-delivery";
import type { z } from "zod";
import type { TSimulatorPlatform, ZPlatformBody } from "./platforms";
import type { TReleaseCheckOptions, TReleaseCheckRun } from "./release-check-types";
import type { TMiniProgramSimulator } from "./mini-program/simulator-methods";

export type TTicketView = { ticket: string; issuedAt: string; expiresAt: string };

export type TAccountView = TAccount & {
  /** The account's authorization of the primary platform. */
  authorization: TAuthorization | null;
  /** Its authorizations of every platform (active or cancelled), the primary's first; an added platform's carry its componentAppid. */
  authorizations: TAuthorization[];
};

export type TSimulatorSummary = {
  url: string;
  now: string;
  clockOffsetSeconds: number;
  componentAppid: string;
  notifyUrl: string;
  /** The 消息与事件接收URL template, with $APPID$. */
  messageUrl: string;
  authDomains: string[];
  ticketIntervalSeconds: number;
  latestTicket: TTicketView | null;
  accountCount: number;
  /** The accounts that have authorized the primary platform (and not cancelled). */
  activeAuthorizations: string[];
  /** The same for every platform: its componentAppid → those accounts' appids. */
  activeAuthorizationsByPlatform: Record<string, string[]>;
  callCount: number;
  deliveryCount: number;
  pendingDeliveries: number;
  faults: TFaultRecord[];
  /** Owner appid (an account, or the platform) → API → calls counted today. */
  quotaUsageToday: Record<string, Record<string, number>>;
  messageCount: number;
  customMessageCount: number;
  /** The newest release-check run, if any. */
  latestReleaseCheck: Pick<TReleaseCheckRun, "id" | "group" | "status"> | null;
};

/**
 * A running simulator. Every method is also reachable over HTTP under /__sim/ (see control/control-routes.ts); the
 * Mini Program code-management controls (addTemplateDraft, decideAudit ...) are in TMiniProgramSimulator.
 */
export type TSimulator = TMiniProgramSimulator & {
  /** Base origin, e.g. http://127.0.0.1:41234: use it as WECHAT_API_BASE, WECHAT_MP_BASE and WECHAT_OPEN_BASE. */
  url: string;
  /** The live configuration (read-only view; change it with setConfig). */
  config: Readonly<TResolvedConfig>;
  close: () => Promise<void>;
  /** Pushes a new component_verify_ticket now (to the primary platform, or the one named) and resolves once delivered or given up. */
  pushTicket: (componentAppid?: string) => Promise<TDelivery>;
  /** Adds a platform (its own appid, AppSecret, keys and URLs): it gets tickets and component tokens of its own. */
  addPlatform: (input: z.infer<typeof ZPlatformBody>) => Omit<TSimulatorPlatform, "componentAppsecret">;
  /** Every platform, the primary first (never an AppSecret), with its newest ticket. */
  platforms: () => Array<Omit<TSimulatorPlatform, "componentAppsecret"> & { latestTicket: TTicketView | null }>;
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
  /**
   * Authorizes the platform (the primary one unless `componentAppid` names an added one) without the page (and without
   * a pre_auth_code); pushes authorized/updateauthorized to that platform unless told not to.
   */
  authorizeProgrammatically: (options: TAuthorizeOptions) => TAuthorizeResult;
  /**
   * The account cancels its authorization of the platform (the primary one unless named): `unauthorized` goes to that
   * platform, its tokens and codes die; the account's authorizations of other platforms are untouched.
   */
  cancelAuthorization: (appid: string, componentAppid?: string) => Promise<TDelivery>;
  /**
   * Another system refreshed the account behind the platform's back: its access tokens of that platform (the primary one
   * unless named) so far answer 40001. Answers how many.
   */
  retireAuthorizerTokens: (appid: string, componentAppid?: string) => number;
  /** Every component token of the primary platform minted so far answers 40001 (its tokens lost, as beside a fresh WeChat). Answers how many. */
  retireComponentTokens: () => number;
  /**
   * Another system holding the platform's secret got a new refresh token for the account (WeChat's answer to a refresh
   * may rotate it): the one the platform stored now answers 61023. Answers the new refresh token.
   */
  replaceRefreshToken: (appid: string, componentAppid?: string) => string;
  latestTicket: () => TTicketView | null;
  setConfig: (change: Partial<TMutableConfig>) => void;
  state: () => TSimulatorSummary;
  /**
   * Sends a message "as a WeChat user" to the message URL of the platform named (the primary one unless
   * `componentAppid` is given), sealed once with its keys, up to messageAttempts tries, and resolves with how the
   * platform answered. Rejects (SimulatorError) for an unknown account or platform, or one the account has not authorized.
   */
  sendMessage: (options: TSendMessageOptions) => Promise<TMessageRecord>;
  /** Recent messages, oldest first (capped). */
  messages: () => TMessageRecord[];
  clearMessages: () => void;
  /** What message/custom/send accepted, oldest first (capped). */
  customMessages: () => TCustomMessage[];
  clearCustomMessages: () => void;
  /** Starts WeChat's release check of a platform (the primary one unless named) on one group (random when not given); answers the running run at once. */
  startReleaseCheck: (options?: TReleaseCheckOptions) => TReleaseCheckRun;
  /** Runs the release check and resolves once every step has run. */
  runReleaseCheck: (options?: TReleaseCheckOptions) => Promise<TReleaseCheckRun>;
  /** Runs newest first (at most 20); a running one shows the steps done so far. */
  releaseChecks: () => TReleaseCheckRun[];
};
