import type { IncomingHttpHeaders } from "node:http";
import type { TAccount, TAccountKind } from "../accounts";
import { activeAuthorization } from "../authorizations";
import type { TSimulatorContext } from "../context";
import { addedPlatformAppid, findPlatform } from "../platforms";
import { offeredScopes, parseCategoryIdList } from "../scopes";
import type { TPageError } from "./error-page";

export type TChannel = "pc" | "mobile";

/** The query of componentloginpage / bindcomponent, also carried through the confirm form. */
export type TAuthorizationRequest = {
  channel: TChannel;
  componentAppid: string;
  preAuthCode: string;
  redirectUri: string;
  authType: string;
  bizAppid: string;
  categoryIdList: string;
};

export type TEligibleAccount = { account: TAccount; scopes: number[]; isAuthorized: boolean };

export type TCheckResult = { ok: true; accounts: TEligibleAccount[] } | { ok: false; error: TPageError };

export const readAuthorizationRequest = (params: URLSearchParams, channel: TChannel): TAuthorizationRequest => ({
  channel,
  componentAppid: params.get("component_appid") ?? "",
  preAuthCode: params.get("pre_auth_code") ?? "",
  redirectUri: params.get("redirect_uri") ?? "",
  authType: params.get("auth_type") ?? "",
  bizAppid: params.get("biz_appid") ?? "",
  categoryIdList: params.get("category_id_list") ?? "",
});

const hostnameOf = (value: string | undefined) => {
  if (!value) return "";
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return "";
  }
};

const domainError = (context: TSimulatorContext, marker: string, label: string, host: string): TPageError => ({
  marker,
  chinese: `请确认授权入口页所在域名，与授权后回调页所在域名相同，并且，此两者都必须与申请第三方平台时填写的授权发起页域名相同。${label}：${host || "空"}`,
  english:
    `The entry page (Referer) and redirect_uri must both be on the platform's configured authorization-initiating domain ` +
    `(授权发起页域名: ${context.config.authDomains.join(", ")}). ${marker === "referer" ? "Referer" : "redirect_uri"} host: ${host || "none"}. ` +
    `Typing the link into the address bar sends no Referer and always fails: open it from a page on that domain.`,
});

/** What the browser itself must satisfy on the GET: the WeChat client for mobile, a Referer on the domain for PC. */
export const checkBrowser = (
  context: TSimulatorContext,
  request: TAuthorizationRequest,
  headers: IncomingHttpHeaders,
): TPageError | undefined => {
  if (request.channel === "mobile") {
    const isWechat = (headers["user-agent"] ?? "").includes("MicroMessenger");
    if (context.config.requireWechatUserAgent && !isWechat) {
      return { marker: "user-agent", chinese: "请在微信客户端打开链接", english: "Please open this link inside the WeChat app." };
    }
    return undefined;
  }
  const refererHost = hostnameOf(headers.referer);
  if (!refererHost || !context.config.authDomains.includes(refererHost)) {
    return domainError(context, "referer", "授权入口页所在域名", refererHost);
  }
  return undefined;
};

const KINDS_BY_AUTH_TYPE: Record<string, TAccountKind[]> = {
  "": ["official_account", "mini_program"],
  "1": ["official_account"],
  "2": ["mini_program"],
  "3": ["official_account", "mini_program"],
  // 4 (推客) and 5 (视频号) accounts are not simulated, so those pages list nothing.
  "4": [],
  "5": [],
  "6": ["official_account", "mini_program"],
};

/** Checks that do not depend on the browser, in WeChat's order; on success, the accounts the page may list. */
export const checkAuthorizationRequest = (context: TSimulatorContext, request: TAuthorizationRequest): TCheckResult => {
  const fail = (error: TPageError): TCheckResult => ({ ok: false, error });
  const { config, state, clock } = context;
  // Any platform the simulator plays has its page: the configured one and those added with POST /__sim/platforms.
  const platform = findPlatform(context, request.componentAppid);
  if (!platform) {
    return fail({
      marker: "component-appid",
      chinese: "第三方平台 appid 无效",
      english: "component_appid is missing or is not the appid of a platform this simulator plays.",
    });
  }
  const preAuth = state.preAuthCodes.get(request.preAuthCode);
  // Another platform's pre_auth_code is as unknown here as a made-up one.
  if (!preAuth || preAuth.componentAppid !== addedPlatformAppid(context, platform.componentAppid)) {
    return fail({
      marker: "pre-auth-code-invalid",
      chinese: "预授权码无效，请重新发起授权",
      english: "pre_auth_code is missing or unknown. Create a new one and start again.",
    });
  }
  if (preAuth.usedAtMs !== undefined) {
    return fail({
      marker: "pre-auth-code-used",
      chinese: "预授权码已使用，请重新发起授权",
      english: "This pre_auth_code has already been used (it is single-use). Start again.",
    });
  }
  if (clock.nowMs() >= preAuth.expiresAtMs) {
    return fail({
      marker: "pre-auth-code-expired",
      chinese: "预授权码已过期，请重新发起授权",
      english: "This pre_auth_code has expired. Start again.",
    });
  }
  const redirectHost = /^https?:\/\//i.test(request.redirectUri) ? hostnameOf(request.redirectUri) : "";
  if (!redirectHost || !config.authDomains.includes(redirectHost)) {
    return fail(domainError(context, "redirect-uri", "授权后回调页所在域名", redirectHost));
  }
  const kinds = KINDS_BY_AUTH_TYPE[request.authType];
  if (!kinds) {
    return fail({ marker: "auth-type", chinese: "auth_type 参数错误", english: `auth_type must be 1 to 6; got "${request.authType}".` });
  }
  const requested = parseCategoryIdList(request.categoryIdList);
  const eligible = (account: TAccount): TEligibleAccount => ({
    account,
    scopes: offeredScopes(account.kind, requested),
    isAuthorized: activeAuthorization(context, account.appid, platform.componentAppid) !== undefined,
  });
  if (request.bizAppid) {
    // biz_appid wins over auth_type: only that account, whatever its kind.
    const account = state.accounts.get(request.bizAppid);
    if (!account || account.accountStatus !== 1) {
      return fail({
        marker: "biz-appid",
        chinese: "该帐号无法授权给此第三方平台",
        english: `biz_appid ${request.bizAppid} is not an account that can authorize here.`,
      });
    }
    return { ok: true, accounts: [eligible(account)].filter((item) => item.scopes.length > 0) };
  }
  const accounts = [...state.accounts.values()]
    .filter((account) => account.accountStatus === 1 && kinds.includes(account.kind))
    .map(eligible)
    .filter((item) => item.scopes.length > 0);
  return { ok: true, accounts };
};
