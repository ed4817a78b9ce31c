import type { TSimulatorContext, TTokenRecord } from "../context";
import { findPlatform, platformAppid, type TSimulatorPlatform } from "../platforms";

export type TApiBody = Record<string, unknown>;

export type TApiInput = {
  context: TSimulatorContext;
  /** The JSON body ({} for multipart APIs, whose data is in `raw`). */
  body: TApiBody;
  query: URLSearchParams;
  /** True when the request had no body at all (it then reads as {}). */
  isEmptyBody: boolean;
  /** The body's bytes as sent: multipart uploads read their parts from them. */
  raw: Buffer;
  /** The request's Content-Type ("" when absent); multipart bodies carry their boundary in it. */
  contentType: string;
  /** The checked access token, for APIs that need one. */
  token?: TTokenRecord;
};

/** A non-JSON answer: a media file, a PNG. WeChat answers errors of the same APIs as JSON. */
export type TBinaryAnswer = { binary: Buffer; contentType: string; headers?: Record<string, string> };

export type TApiAnswer = Record<string, unknown> | TBinaryAnswer;

export const isBinaryAnswer = (answer: TApiAnswer): answer is TBinaryAnswer => Buffer.isBuffer(answer.binary);

export type TApiDefinition = {
  /**
   * Component APIs take component_access_token; account APIs (message/custom/send ...) an authorizer_access_token;
   * "either" is for APIs both may call (openapi/quota/get), null for APIs without a token.
   */
  tokenKind: TTokenRecord["kind"] | "either" | null;
  /** The HTTP methods WeChat answers on; default POST only, anything else is 43002. */
  methods?: readonly ("GET" | "POST")[];
  /** "json" (default): the body must be a JSON object (47001 otherwise); "multipart": uploads, handed over as bytes. */
  bodyFormat?: "json" | "multipart";
  /** The quota tools themselves (clear_quota, openapi/quota/get) are not counted against the daily quota. */
  isQuotaExempt?: boolean;
  /** Answers what WeChat would: JSON (an `errcode` other than 0 marks a failure) or bytes. */
  handle: (input: TApiInput) => TApiAnswer | Promise<TApiAnswer>;
};

/** A string field, or undefined when missing or not a string (WeChat treats both as absent). */
export const stringField = (body: TApiBody, key: string): string | undefined => {
  const value = body[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** An id field sent as a number or as a numeric string (the docs disagree, §11.8); undefined otherwise. */
export const integerField = (body: TApiBody, key: string): number | undefined => {
  const value = body[key];
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) ? number : undefined;
};

/**
 * A component API acts for the platform whose component_access_token it was called with, and its component_appid must
 * name that platform: 41002 when missing, 40013 for any other appid, another known platform's included (we never
 * answer 61011). The API then reads and writes that platform's authorizations only (`token.componentAppid`).
 */
export const componentAppidError = (context: TSimulatorContext, body: TApiBody, token: TTokenRecord | undefined): number | undefined => {
  const appid = stringField(body, "component_appid");
  if (!appid) return 41002;
  return appid === platformAppid(context, token?.componentAppid) ? undefined : 40013;
};

/**
 * The platform a secret-bearing component API names (api_component_token, api_start_push_ticket, clear_quota/v2): any
 * platform the simulator knows, its own AppSecret in `secretField`. 41002 / 40013 / 41004 / 40125 as for the primary platform.
 */
export const platformWithSecret = (
  context: TSimulatorContext,
  body: TApiBody,
  secretField: string,
): { platform: TSimulatorPlatform } | { errcode: number } => {
  const componentAppid = stringField(body, "component_appid");
  if (!componentAppid) return { errcode: 41002 };
  const platform = findPlatform(context, componentAppid);
  if (!platform) return { errcode: 40013 };
  const secret = stringField(body, secretField);
  if (!secret) return { errcode: 41004 };
  return secret === platform.componentAppsecret ? { platform } : { errcode: 40125 };
};
