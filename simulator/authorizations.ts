import type { TAccount } from "./accounts";
import type { TAuthorization, TDelivery, TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";
import { addedPlatformAppid, allPlatforms, platformAppid, requirePlatform } from "./platforms";
import { deliverPush, type TPushMessage } from "./push-delivery";
import { newAuthCode, newRefreshToken } from "./random";
import { SCOPES_BY_KIND } from "./scopes";
import { voidAuthorizerTokens } from "./tokens";

// One account may authorize several platforms at once (§12): each authorization has its own refresh token, permission
// sets, codes and access tokens, and cancelling one leaves the others alone. Everything here takes the platform as
// `componentAppid`, the primary platform when absent.

export const findAccount = (context: TSimulatorContext, appid: string): TAccount => {
  const account = context.state.accounts.get(appid);
  if (!account) throw new SimulatorError(`no simulated account has appid ${appid}`, 404);
  return account;
};

/**
 * Where state.authorizations keeps an account's authorization of a platform: the bare appid for the primary platform
 * (as when the simulator played a single one), `${componentAppid}|${appid}` for an added platform.
 */
export const authorizationKey = (context: TSimulatorContext, appid: string, componentAppid?: string) => {
  const added = addedPlatformAppid(context, componentAppid);
  return added ? `${added}|${appid}` : appid;
};

/** The account's authorization of the platform, active or cancelled; undefined when it never authorized it. */
export const findAuthorization = (context: TSimulatorContext, appid: string, componentAppid?: string) =>
  context.state.authorizations.get(authorizationKey(context, appid, componentAppid));

export const activeAuthorization = (context: TSimulatorContext, appid: string | undefined, componentAppid?: string) => {
  const authorization = appid ? findAuthorization(context, appid, componentAppid) : undefined;
  return authorization?.isActive ? authorization : undefined;
};

/** The account's active authorization of the platform; a SimulatorError (404 unless told) when there is none. */
export const requireActiveAuthorization = (context: TSimulatorContext, appid: string, componentAppid?: string, status = 404) => {
  const authorization = activeAuthorization(context, appid, componentAppid);
  if (authorization) return authorization;
  const added = addedPlatformAppid(context, componentAppid);
  throw new SimulatorError(`${appid} has no active authorization${added ? ` of platform ${added}` : ""}`, status);
};

/** The account's authorizations of every platform (active or cancelled), the primary platform's first. */
export const accountAuthorizations = (context: TSimulatorContext, appid: string): TAuthorization[] =>
  allPlatforms(context).flatMap((platform) => findAuthorization(context, appid, platform.componentAppid) ?? []);

/** Each platform's appid → the accounts that have authorized it and not cancelled, oldest authorization first. */
export const activeAuthorizationsByPlatform = (context: TSimulatorContext): Record<string, string[]> => {
  const byPlatform: Record<string, string[]> = Object.fromEntries(allPlatforms(context).map((platform) => [platform.componentAppid, []]));
  for (const authorization of context.state.authorizations.values()) {
    if (authorization.isActive) byPlatform[platformAppid(context, authorization.componentAppid)]?.push(authorization.authorizerAppid);
  }
  return byPlatform;
};

/** A single-use authorization_code for the account's authorization of the platform, valid authCodeSeconds (api_query_auth takes it). */
export const mintAuthCode = (context: TSimulatorContext, authorizerAppid: string, componentAppid?: string): string => {
  const code = newAuthCode();
  const expiresAtMs = context.clock.nowMs() + context.config.authCodeSeconds * 1000;
  context.state.authCodes.set(code, { code, authorizerAppid, componentAppid: addedPlatformAppid(context, componentAppid), expiresAtMs });
  return code;
};

export type TAuthorizeOptions = {
  appid: string;
  /** The platform authorized: the primary one when absent, else one added with addPlatform. */
  componentAppid?: string;
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
 * What WeChat does when an admin confirms: create or renew the account's authorization of the platform (a renewal voids
 * the previous refresh token), mint a single-use auth code, and push authorized/updateauthorized to that platform's
 * URL without waiting for it.
 */
export const authorizeAccount = (context: TSimulatorContext, options: TAuthorizeOptions): TAuthorizeResult => {
  const account = findAccount(context, options.appid);
  const platform = requirePlatform(context, options.componentAppid);
  const componentAppid = addedPlatformAppid(context, platform.componentAppid);
  const { clock, config, state } = context;
  const funcIds = [...new Set(options.funcIds ?? SCOPES_BY_KIND[account.kind])].sort((a, b) => a - b);
  if (funcIds.length === 0) throw new SimulatorError("an authorization needs at least one permission set");
  const infoType = activeAuthorization(context, account.appid, componentAppid) ? "updateauthorized" : "authorized";
  const authorization: TAuthorization = {
    authorizerAppid: account.appid,
    // The primary platform's authorizations keep the shape they had before there were several platforms.
    ...(componentAppid ? { componentAppid } : {}),
    isActive: true,
    funcIds,
    refreshToken: newRefreshToken(),
    authTime: clock.nowSeconds(),
  };
  state.authorizations.set(authorizationKey(context, account.appid, componentAppid), authorization);
  const authCode = mintAuthCode(context, account.appid, componentAppid);
  const createTime = clock.nowSeconds();
  const message: TPushMessage = {
    CreateTime: createTime,
    InfoType: infoType,
    AuthorizerAppid: account.appid,
    AuthorizationCode: authCode,
    AuthorizationCodeExpiredTime: createTime + config.authCodeSeconds,
    ...(options.preAuthCode ? { PreAuthCode: options.preAuthCode } : {}),
  };
  const delivery = options.shouldPush === false ? undefined : deliverPush(context, message, platform);
  return { authCode, expiresIn: config.authCodeSeconds, infoType, delivery };
};

/** The account's refresh token is replaced behind the platform's back: the stored one answers 61023 from now on. */
export const replaceRefreshToken = (context: TSimulatorContext, appid: string, componentAppid?: string): string => {
  const authorization = requireActiveAuthorization(context, appid, componentAppid);
  authorization.refreshToken = newRefreshToken();
  return authorization.refreshToken;
};

/**
 * The admin cancels one platform in WeChat: that authorization's tokens and codes die, its later calls answer 61003,
 * and `unauthorized` is pushed to that platform. The account's authorizations of other platforms are untouched.
 */
export const cancelAuthorization = (context: TSimulatorContext, appid: string, componentAppid?: string): Promise<TDelivery> => {
  const platform = requirePlatform(context, componentAppid);
  const added = addedPlatformAppid(context, platform.componentAppid);
  const authorization = requireActiveAuthorization(context, appid, added);
  authorization.isActive = false;
  authorization.cancelledAt = context.clock.nowSeconds();
  voidAuthorizerTokens(context, appid, added);
  for (const code of context.state.authCodes.values()) {
    if (code.authorizerAppid === appid && code.componentAppid === added) code.isVoid = true;
  }
  return deliverPush(context, { InfoType: "unauthorized", AuthorizerAppid: appid }, platform);
};

export const funcInfo = (funcIds: number[]) => funcIds.map((id) => ({ funcscope_category: { id } }));
