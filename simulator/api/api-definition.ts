import type { TSimulatorContext, TTokenRecord } from "../context";

export type TApiBody = Record<string, unknown>;

export type TApiInput = {
  context: TSimulatorContext;
  body: TApiBody;
  query: URLSearchParams;
  /** True when the request had no body at all (it then reads as {}). */
  isEmptyBody: boolean;
  /** The checked access token, for APIs that need one. */
  token?: TTokenRecord;
};

export type TApiDefinition = {
  /** Component APIs take component_access_token; account APIs (message/custom/send ...) an authorizer_access_token. */
  tokenKind: TTokenRecord["kind"] | null;
  /** Answers the JSON WeChat would; an `errcode` field other than 0 marks a failure. */
  handle: (input: TApiInput) => Record<string, unknown>;
};

/** A string field, or undefined when missing or not a string (WeChat treats both as absent). */
export const stringField = (body: TApiBody, key: string): string | undefined => {
  const value = body[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** 41002 when component_appid is missing, 40013 when it is not ours (we never answer 61011). */
export const componentAppidError = (context: TSimulatorContext, body: TApiBody): number | undefined => {
  const appid = stringField(body, "component_appid");
  if (!appid) return 41002;
  return appid === context.config.componentAppid ? undefined : 40013;
};

/** 41004 when the secret is missing, 40125 when it is wrong. */
export const secretError = (context: TSimulatorContext, secret: string | undefined): number | undefined => {
  if (!secret) return 41004;
  return secret === context.config.componentAppsecret ? undefined : 40125;
};
