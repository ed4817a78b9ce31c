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
  /** 0 disables the timer; pushTicket() still works. */
  ticketIntervalSeconds?: number;
  /** The 授权发起页域名 list (hostnames only). */
  authDomains?: string[];
  requireWechatUserAgent?: boolean;
  latencyMs?: number;
  tokenOverlapSeconds?: number;
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
  ticketIntervalSeconds: 600,
  authDomains: ["localhost", "127.0.0.1"],
  requireWechatUserAgent: true,
  latencyMs: 0,
  tokenOverlapSeconds: 300,
  preAuthCodeSeconds: 1800,
  authCodeSeconds: 600,
  dailyQuota: 2000,
  rotateRefreshTokenOnRefresh: false,
  pushTimeoutMs: 5000,
  pushAttempts: 3,
  pushRetryDelayMs: 500,
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
};

export const resolveConfig = (config: TSimulatorConfig): { config: TResolvedConfig; seedAccounts: TAccount[] } => {
  const defined = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  const { seedAccounts, ...rest } = defined as TSimulatorConfig;
  const resolved: TResolvedConfig = { ...DEFAULT_CONFIG, now: Date.now, ...rest };
  resolved.authDomains = resolved.authDomains.map(normalizeDomain).filter(Boolean);
  validate(resolved);
  return { config: resolved, seedAccounts: seedAccounts ?? SEED_ACCOUNTS };
};

/** Applies a runtime change in place and validates the result; the fixed settings are ignored. */
export const applyConfigChange = (config: TResolvedConfig, change: Partial<TMutableConfig>) => {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  const { port: _port, host: _host, now: _now, ...mutable } = defined as Partial<TResolvedConfig>;
  const next = { ...config, ...mutable };
  next.authDomains = next.authDomains.map(normalizeDomain).filter(Boolean);
  validate(next);
  Object.assign(config, next);
};
