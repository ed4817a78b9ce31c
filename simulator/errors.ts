import { CODE_ERRMSG } from "./mini-program/code-errmsg";
import { newRid } from "./random";

/** errmsg texts exactly as WeChat writes them (protocol reference §6). */
export const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40003: "invalid openid",
  40004: "invalid media type",
  // Sic: WeChat's own spelling.
  40006: "invalid meida size",
  40007: "invalid media_id",
  40008: "invalid message type",
  40013: "invalid appid",
  40125: "invalid appsecret",
  40169: "invalid length for scene, or the data is not json string",
  40170: "args count exceed count limit",
  41001: "access_token missing",
  41002: "appid missing",
  41004: "appsecret missing",
  41005: "media data missing",
  41030: "invalid page",
  42001: "access_token expired",
  42007: "access_token and refresh_token exception",
  43002: "require POST method",
  44002: "empty post data",
  44004: "empty content",
  45009: "reach max api daily quota limit",
  45015: "response out of time limit or subscription is canceled",
  47001: "data format error",
  48001: "api unauthorized",
  48006: "forbid to clear quota because of reaching the limit",
  61003: "component is not authorized by this account",
  61004: "access clientip is not registered",
  61005: "component ticket is expired",
  61006: "component ticket is invalid",
  61007: "api is unauthorized to component",
  61009: "code is invalid",
  61010: "code is expired",
  61011: "invalid component",
  61014: "must use component token for component api",
  61015: "must use biz account token for not component api",
  61023: "refresh_token is invalid",
  // 76021 is quoted from the quota/get docs; the texts of 76003 and 76022 are unpublished, so these are our wording.
  76003: "invalid cgi_path format",
  76021: "cgi_path not found, please check",
  76022: "could not use this cgi_path, no permission",
  ...CODE_ERRMSG,
};

export type TWechatErrorBody = { errcode: number; errmsg: string };

/** An error answer with a fake rid suffix, so clients learn to match on errcode rather than errmsg. */
export const wechatError = (errcode: number, errmsg?: string): TWechatErrorBody => ({
  errcode,
  errmsg: `${errmsg ?? ERRMSG[errcode] ?? "system error"} rid: ${newRid()}`,
});

export const WECHAT_OK: TWechatErrorBody = { errcode: 0, errmsg: "ok" };

/** Misuse of the control API (unknown appid, bad input): answered as HTTP 4xx JSON, never as a WeChat error. */
export class SimulatorError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "SimulatorError";
  }
}
