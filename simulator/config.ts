import { isValidEncodingAesKey } from "../lib/wechat/crypto";
import { SEED_ACCOUNTS, type TAccount } from "./accounts";

export type TSimulatorConfig = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  componentAppid?: string;
  componentAppsecret?: string;
  token?: string;
  encodingAesKey?: string;
  /** The platform's 授权事件接收URL: every push goes here. */
  notifyUrl?: string;
  /** The platform's 消息与事件接收URL template; `$APPID$` becomes the account's appid. Default: notifyUrl's origin + MESSAGE_PATH. */
  messageUrl?: string;
  /** 0 disables the timer; pushTicket() still works. */
  ticketIntervalSeconds?: number;
  /** The 授权发起页域名 list (hostnames only). */
  authDomains?: string[];
  requireWechatUserAgent?: boolean;
  latencyMs?: number;
  tokenOverlapSeconds?: number;
  /** The authorizer_access_token's expires_in; WeChat's is 7200 (the component token keeps 7200 whatever this says). */
  authorizerTokenLifetimeSeconds?: number;
  preAuthCodeSeconds?: number;
  authCodeSeconds?: number;
  dailyQuota?: number;
  rotateRefreshTokenOnRefresh?: boolean;
  seedAccounts?: TAccount[];
  /** Wall clock in epoch milliseconds; advanceClock() adds to it. */
  now?: () => number;
  pushTimeoutMs?: number;
  pushAttempts?: number;
  pushRetryDelayMs?: number;
  /** WeChat waits 5 s for the message URL to answer, then tries again: 3 attempts in all (§10.1). */
  messageTimeoutMs?: number;
  messageAttempts?: number;
  /** How long the release check waits for the platform's follow-up calls (api_query_auth, message/custom/send). */
  releaseCheckWaitMs?: number;
  /** The privacy scan after each commit (simulator-clock seconds): submit_audit answers 61039 meanwhile. */
  privacyScanSeconds?: number;
  /** How long a review takes (simulator-clock seconds; a quarter once sped up); 0: decided only through the control API. */
  reviewSeconds?: number;
  /** Each platform's monthly submit_audit quota, and its speed-up quota (queryquota's limit and speedup_limit). */
  auditQuotaLimit?: number;
  speedupQuotaLimit?: number;
  /** Whether commit works while an audit is pending (undocumented, §11.7 ⚠): false answers 85009. */
  canCommitDuringAudit?: boolean;
};

export type TResolvedConfig = Required<Omit<TSimulatorConfig, "seedAccounts">>;

/** The settings setConfig() may change while running (the socket and the seed are fixed at start). */
export type TMutableConfig = Omit<TResolvedConfig, "port" | "host" | "now">;

export const DEFAULT_CONFIG: Omit<TResolvedConfig, "now"> = {
  port: 0,
  host: "127.0.0.1",
  componentAppid: "wx5e1d0c0ffee0a11d",
  componentAppsecret: "5ecre7000000000000000000000000a1",
  token: "simulator-token",
  // The key from WeChat's own WXBizMsgCrypt samples, so captured pushes can be checked by hand.
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  notifyUrl: "http://localhost:3000/api/wechat/notify",
  messageUrl: "http://localhost:3000/api/wechat/messages/$APPID$",
  ticketIntervalSeconds: 600,
  authDomains: ["localhost", "127.0.0.1"],
  requireWechatUserAgent: true,
  latencyMs: 0,
  tokenOverlapSeconds: 300,
  authorizerTokenLifetimeSeconds: 7200,
  preAuthCodeSeconds: 1800,
  authCodeSeconds: 600,
  dailyQuota: 2000,
  rotateRefreshTokenOnRefresh: false,
  pushTimeoutMs: 5000,
  pushAttempts: 3,
  pushRetryDelayMs: 500,
  messageTimeoutMs: 5000,
  messageAttempts: 3,
  releaseCheckWaitMs: 10_000,
  privacyScanSeconds: 60,
  reviewSeconds: 30,
  auditQuotaLimit: 20,
  speedupQuotaLimit: 3,
  canCommitDuringAudit: true,
};

export const APPID_PLACEHOLDER = "$APPID$";
const MESSAGE_PATH = `/api/wechat/messages/${APPID_PLACEHOLDER}`;

/** The message URL wxopen serves, on the same origin as its notify URL; undefined when that is no URL (validate() says so). */
export const deriveMessageUrl = (notifyUrl: string): string | undefined => {
  try {
    return `${new URL(notifyUrl).origin}${MESSAGE_PATH}`;
  } catch {
    return undefined;
  }
};

/** Accepts "https://app.example.com:3000/x" as well as "app.example.com" and keeps only the hostname. */
export const normalizeDomain = (domain: string): string => {
  const trimmed = domain.trim().toLowerCase();
  if (!trimmed) return "";
  try {
    return new URL(trimmed.includes("://") ? trimmed : `http://${trimmed}`).hostname;
  } catch {
    return trimmed;
  }
};

const validate = (config: Omit<TResolvedConfig, "now">) => {
  if (!isValidEncodingAesKey(config.encodingAesKey)) {
    throw new Error("simulator: encodingAesKey must be 43 characters of [A-Za-z0-9]");
  }
  if (!/^https?:\/\//.test(config.notifyUrl)) throw new Error(`simulator: notifyUrl is not an http(s) URL: ${config.notifyUrl}`);
  if (!/^https?:\/\//.test(config.messageUrl)) throw new Error(`simulator: messageUrl is not an http(s) URL: ${config.messageUrl}`);
  // One URL serves every authorized account only through the placeholder (§10.1); WeChat's console refuses it without.
  if (!config.messageUrl.includes(APPID_PLACEHOLDER)) {
    throw new Error(
      `simulator: messageUrl must contain ${APPID_PLACEHOLDER} (WeChat replaces it with the account's appid): ${config.messageUrl}`,
    );
  }
  for (const key of ["messageTimeoutMs", "messageAttempts", "authorizerTokenLifetimeSeconds"] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`simulator: ${key} must be a positive integer`);
  }
  for (const key of ["privacyScanSeconds", "reviewSeconds", "auditQuotaLimit", "speedupQuotaLimit"] as const) {
    if (!Number.isFinite(config[key]) || config[key] < 0) throw new Error(`simulator: ${key} must be a non-negative number`);
  }
};

export const resolveConfig = (config: TSimulatorConfig): { config: TResolvedConfig; seedAccounts: TAccount[] } => {
  const defined = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  const { seedAccounts, ...rest } = defined as TSimulatorConfig;
  const resolved: TResolvedConfig = { ...DEFAULT_CONFIG, now: Date.now, ...rest };
  if (!rest.messageUrl) resolved.messageUrl = deriveMessageUrl(resolved.notifyUrl) ?? resolved.messageUrl;
  resolved.authDomains = resolved.authDomains.map(normalizeDomain).filter(Boolean);
  validate(resolved);
  return { config: resolved, seedAccounts: seedAccounts ?? SEED_ACCOUNTS };
};

/** Applies a runtime change in place and validates the result; the fixed settings are ignored. */
export const applyConfigChange = (config: TResolvedConfig, change: Partial<TMutableConfig>) => {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  const { port: _port, host: _host, now: _now, ...mutable } = defined as Partial<TResolvedConfig>;
  const next = { ...config, ...mutable };
  // A derived message URL follows the notify URL to its new origin; one set on purpose stays.
  if (mutable.notifyUrl && !mutable.messageUrl && config.messageUrl === deriveMessageUrl(config.notifyUrl)) {
    next.messageUrl = deriveMessageUrl(mutable.notifyUrl) ?? next.messageUrl;
  }
  next.authDomains = next.authDomains.map(normalizeDomain).filter(Boolean);
  validate(next);
  Object.assign(config, next);
};
