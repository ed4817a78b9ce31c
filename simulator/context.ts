import type { TAccount } from "./accounts";
import type { TClock } from "./clock";
import type { TResolvedConfig } from "./config";
import type { TCustomMessage } from "./custom-messages";
import type { TFaultRecord } from "./faults";
import type { TMediaRecord } from "./media-store";
import { firstMsgId } from "./message-content";
import type { TMessageRecord } from "./messages";
import { createCodeState, type TCodeState } from "./mini-program/code-types";
import type { TSimulatorPlatform } from "./platforms";
import type { TReleaseCheckRun } from "./release-check-types";

export type TTicketRecord = { ticket: string; issuedAtMs: number; componentAppid: string };

export type TTokenRecord = {
  token: string;
  kind: "component" | "authorizer";
  authorizerAppid?: string;
  /** The added platform a token belongs to: its component token, or an authorizer token of its authorization (the primary's name none). */
  componentAppid?: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /** Set when a newer token replaced this one: it keeps working until then (the overlap window). */
  retiresAtMs?: number;
};

export type TPreAuthCodeRecord = {
  code: string;
  /** The added platform whose component token created it (undefined: the primary): only its page takes the code. */
  componentAppid?: string;
  expiresAtMs: number;
  usedAtMs?: number;
};

export type TAuthCodeRecord = {
  code: string;
  authorizerAppid: string;
  /** The added platform it was minted for (undefined: the primary): only that platform's api_query_auth takes it. */
  componentAppid?: string;
  expiresAtMs: number;
  usedAtMs?: number;
  /** Cancelling the authorization voids the codes it minted. */
  isVoid?: boolean;
  /** The authorizer_access_token api_query_auth issued for this code (the release check tells it from a stored one). */
  issuedAccessToken?: string;
};

/** An account's authorization of one platform; the same account's authorization of another platform is a separate one. */
export type TAuthorization = {
  authorizerAppid: string;
  /** The added platform authorized; absent for the primary platform. */
  componentAppid?: string;
  isActive: boolean;
  funcIds: number[];
  refreshToken: string;
  /** Epoch seconds of the latest (re)authorization, as api_get_authorizer_list reports it. */
  authTime: number;
  cancelledAt?: number;
};

export type TCall = {
  at: string;
  path: string;
  api: string;
  method: string;
  query: Record<string, string>;
  body: unknown;
  /** The account an authorizer token acts for (absent for component tokens and tokenless calls). */
  appid?: string;
  /** 0 on success; null when no WeChat answer was given (an http or drop fault, an unknown path). */
  errcode: number | null;
  /** HTTP status; 0 when the socket was dropped. */
  status: number;
};

export type TDelivery = {
  id: number;
  at: string;
  infoType: string;
  authorizerAppid?: string;
  url: string;
  attempts: number;
  ok: boolean;
  isPending: boolean;
  /** Status of the last attempt; null when no answer arrived (timeout, refused, dropped). */
  status: number | null;
  /** First 200 characters of the last answer, or the transport error. */
  body: string;
  message: Record<string, string | number>;
};

export type TState = {
  accounts: Map<string, TAccount>;
  bulkAccountCount: number;
  tickets: Map<string, TTicketRecord>;
  /** The primary platform's newest ticket. */
  latestTicket?: TTicketRecord;
  /** Platforms added through the control API (simulator/platforms.ts), and their newest tickets. */
  platforms: Map<string, TSimulatorPlatform>;
  latestTickets: Map<string, TTicketRecord>;
  tokens: Map<string, TTokenRecord>;
  /**
   * `${kind}|${authorizer appid}` (`|${componentAppid}` added for an added platform's) → that family's tokens in `tokens`,
   * oldest first: issuing one looks at its family only.
   */
  tokenFamilies: Map<string, TTokenRecord[]>;
  preAuthCodes: Map<string, TPreAuthCodeRecord>;
  authCodes: Map<string, TAuthCodeRecord>;
  /** authorizationKey(appid, componentAppid) → the account's authorization of that platform (authorizations.ts). */
  authorizations: Map<string, TAuthorization>;
  /** `${beijingDay}|${owner appid}|${api}` → calls counted against the owner's daily quota (the account acted for, or the platform). */
  quotaUsage: Map<string, number>;
  /** `${beijingMonth}|${target appid}` → clear_quota uses. */
  quotaClears: Map<string, number>;
  calls: TCall[];
  deliveries: TDelivery[];
  faults: TFaultRecord[];
  nextFaultId: number;
  nextDeliveryId: number;
  /** Messages sent "as a WeChat user" to the message URL, oldest first. */
  messages: TMessageRecord[];
  nextMessageId: number;
  nextMsgId: number;
  /** `${appid}|${openid}` → when that user last wrote to the account (epoch ms), for the 48 h window (45015). */
  interactions: Map<string, number>;
  /** What message/custom/send accepted, oldest first. */
  customMessages: TCustomMessage[];
  nextCustomMessageId: number;
  /** media_id → what media/upload stored (capped, oldest evicted first). */
  media: Map<string, TMediaRecord>;
  /** Release-check runs, oldest first. */
  releaseChecks: TReleaseCheckRun[];
  nextReleaseCheckId: number;
  /** Mini Program code management (§11): template libraries, each mini program's versions and audits, audit quotas. */
  code: TCodeState;
};

/** Everything a handler needs: one per running simulator, passed explicitly (no module-level state). */
export type TSimulatorContext = {
  config: TResolvedConfig;
  clock: TClock;
  state: TState;
  /** The origin, known once the server listens; images and links are built from it. */
  url: string;
  /** Aborted on close so in-flight push deliveries stop. */
  shutdown: AbortController;
};

export const createState = (accounts: TAccount[]): TState => ({
  accounts: new Map(accounts.map((account) => [account.appid, account])),
  bulkAccountCount: 0,
  tickets: new Map(),
  platforms: new Map(),
  latestTickets: new Map(),
  tokens: new Map(),
  tokenFamilies: new Map(),
  preAuthCodes: new Map(),
  authCodes: new Map(),
  authorizations: new Map(),
  quotaUsage: new Map(),
  quotaClears: new Map(),
  calls: [],
  deliveries: [],
  faults: [],
  nextFaultId: 1,
  nextDeliveryId: 1,
  messages: [],
  nextMessageId: 1,
  nextMsgId: firstMsgId(),
  interactions: new Map(),
  customMessages: [],
  nextCustomMessageId: 1,
  media: new Map(),
  releaseChecks: [],
  nextReleaseCheckId: 1,
  code: createCodeState(),
});

/** Caps for the in-memory logs so a long demo does not grow without bound. */
export const MAX_CALLS = 5000;
export const MAX_DELIVERIES = 1000;

export const pushCapped = <T>(list: T[], item: T, cap: number) => {
  list.push(item);
  if (list.length > cap) list.splice(0, list.length - cap);
};

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    // The abort listener goes when the timer fires: left behind, they pile up on the long-lived shutdown signal.
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
