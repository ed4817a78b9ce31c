import type { TAccount } from "./accounts";
import type { TAuthorization, TDelivery, TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";
import { deliverPush, type TPushMessage } from "./push-delivery";
import { newAuthCode, newRefreshToken } from "./random";
import { SCOPES_BY_KIND } from "./scopes";
import { voidAuthorizerTokens } from "./tokens";

export const findAccount = (context: TSimulatorContext, appid: string): TAccount => {
  const account = context.state.accounts.get(appid);
  if (!account) throw new SimulatorError(`no simulated account has appid ${appid}`, 404);
  return account;
};

/** A single-use authorization_code for the account's authorization, valid authCodeSeconds (api_query_auth takes it). */
export const mintAuthCode = (context: TSimulatorContext, authorizerAppid: string): string => {
  const code = newAuthCode();
  const expiresAtMs = context.clock.nowMs() + context.config.authCodeSeconds * 1000;
  context.state.authCodes.set(code, { code, authorizerAppid, expiresAtMs });
  return code;
};

export type TAuthorizeOptions = {
  appid: string;
  /** Granted permission sets; defaults to every set that fits the account's kind. */
  funcIds?: number[];
  /** The pre_auth_code the page consumed; absent for programmatic authorizations. */
  preAuthCode?: string;
  /** False skips the authorized/updateauthorized push (bulk seeding). */
  shouldPush?: boolean;
};

export type TAuthorizeResult = {
  authCode: string;
  expiresIn: number;
  infoType: "authorized" | "updateauthorized";
  /** Settles when the push has been delivered (or given up); undefined when no push was sent. */
  delivery?: Promise<TDelivery>;
};

/**
 * What WeChat does when an admin confirms: create or renew the authorization (a renewal voids the previous
 * refresh token), mint a single-use auth code, and push authorized/updateauthorized without waiting for it.
 */
export const authorizeAccount = (context: TSimulatorContext, options: TAuthorizeOptions): TAuthorizeResult => {
  const account = findAccount(context, options.appid);
  const { clock, config, state } = context;
  const funcIds = [...new Set(options.funcIds ?? SCOPES_BY_KIND[account.kind])].sort((a, b) => a - b);
  if (funcIds.length === 0) throw new SimulatorError("an authorization needs at least one permission set");
  const existing = state.authorizations.get(account.appid);
  const infoType = existing?.isActive ? "updateauthorized" : "authorized";
  const authorization: TAuthorization = {
    authorizerAppid: account.appid,
    isActive: true,
    funcIds,
    refreshToken: newRefreshToken(),
    authTime: clock.nowSeconds(),
  };
  state.authorizations.set(account.appid, authorization);
  const authCode = mintAuthCode(context, account.appid);
  const createTime = clock.nowSeconds();
  const message: TPushMessage = {
    CreateTime: createTime,
    InfoType: infoType,
    AuthorizerAppid: account.appid,
    AuthorizationCode: authCode,
    AuthorizationCodeExpiredTime: createTime + config.authCodeSeconds,
    ...(options.preAuthCode ? { PreAuthCode: options.preAuthCode } : {}),
  };
  const delivery = options.shouldPush === false ? undefined : deliverPush(context, message);
  return { authCode, expiresIn: config.authCodeSeconds, infoType, delivery };
};

/** The account's refresh token is replaced behind the platform's back: the stored one answers 61023 from now on. */
export const replaceRefreshToken = (context: TSimulatorContext, appid: string): string => {
  const authorization = activeAuthorization(context, appid);
  if (!authorization) throw new SimulatorError(`${appid} has no active authorization`, 404);
  authorization.refreshToken = newRefreshToken();
  return authorization.refreshToken;
};

/** The admin cancels in WeChat: tokens and codes die, later calls answer 61003, and `unauthorized` is pushed. */
export const cancelAuthorization = (context: TSimulatorContext, appid: string): Promise<TDelivery> => {
  const authorization = context.state.authorizations.get(appid);
  if (!authorization?.isActive) throw new SimulatorError(`${appid} has no active authorization`, 404);
  authorization.isActive = false;
  authorization.cancelledAt = context.clock.nowSeconds();
  voidAuthorizerTokens(context, appid);
  for (const code of context.state.authCodes.values()) {
    if (code.authorizerAppid === appid) code.isVoid = true;
  }
  return deliverPush(context, { InfoType: "unauthorized", AuthorizerAppid: appid });
};

export const activeAuthorization = (context: TSimulatorContext, appid: string | undefined) => {
  const authorization = appid ? context.state.authorizations.get(appid) : undefined;
  return authorization?.isActive ? authorization : undefined;
};

export const funcInfo = (funcIds: number[]) => funcIds.map((id) => ({ funcscope_category: { id } }));
