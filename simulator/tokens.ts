import type { TSimulatorContext, TTokenRecord } from "./context";
import { addedPlatformAppid } from "./platforms";
import { newAccessToken } from "./random";

export const COMPONENT_TOKEN_LIFETIME_SECONDS = 7200;

/** The expires_in of a new token of this kind: the authorizer's is configurable (a short one lets a bench cycle fast). */
export const tokenLifetimeSeconds = (context: TSimulatorContext, kind: TTokenRecord["kind"]) =>
  kind === "component" ? COMPONENT_TOKEN_LIFETIME_SECONDS : context.config.authorizerTokenLifetimeSeconds;

/** The primary platform's families keep their single-platform keys; an added platform's carry its appid. */
const familyKey = (context: TSimulatorContext, kind: TTokenRecord["kind"], authorizerAppid?: string, componentAppid?: string) => {
  const added = addedPlatformAppid(context, componentAppid);
  return `${kind}|${authorizerAppid ?? ""}${added ? `|${added}` : ""}`;
};

/**
 * Mints a token; older tokens of the same family (kind, account and platform: two platforms' tokens for one account are
 * two families) keep working for the overlap window, then die (40001).
 */
export const issueToken = (
  context: TSimulatorContext,
  kind: TTokenRecord["kind"],
  authorizerAppid?: string,
  componentAppid?: string,
): TTokenRecord => {
  const now = context.clock.nowMs();
  const retiresAtMs = now + context.config.tokenOverlapSeconds * 1000;
  const key = familyKey(context, kind, authorizerAppid, componentAppid);
  const family = (context.state.tokenFamilies.get(key) ?? []).filter((record) => {
    // Long dead tokens are forgotten; they then answer 40001 like any unknown token.
    if (record.expiresAtMs >= now - 86_400_000) return true;
    context.state.tokens.delete(record.token);
    return false;
  });
  for (const record of family) record.retiresAtMs = Math.min(record.retiresAtMs ?? Infinity, retiresAtMs);
  const record: TTokenRecord = {
    token: newAccessToken(),
    kind,
    authorizerAppid,
    componentAppid: addedPlatformAppid(context, componentAppid),
    issuedAtMs: now,
    expiresAtMs: now + tokenLifetimeSeconds(context, kind) * 1000,
  };
  context.state.tokens.set(record.token, record);
  context.state.tokenFamilies.set(key, [...family, record]);
  return record;
};

export type TTokenCheck = { ok: true; record: TTokenRecord } | { ok: false; errcode: number };

/**
 * The checks every token-bearing API makes: 41001 missing, 40001 unknown/replaced/voided, 42001 expired, and the wrong kind:
 * 61014 for an authorizer token on a component API, 61015 for a component token on an account API (§6). "either"
 * takes both kinds (openapi/quota/get).
 */
export const checkToken = (context: TSimulatorContext, token: string | null, kind: TTokenRecord["kind"] | "either"): TTokenCheck => {
  if (!token) return { ok: false, errcode: 41001 };
  const record = context.state.tokens.get(token);
  if (!record) return { ok: false, errcode: 40001 };
  if (kind !== "either" && record.kind !== kind) return { ok: false, errcode: kind === "component" ? 61014 : 61015 };
  const now = context.clock.nowMs();
  if (now >= record.expiresAtMs) return { ok: false, errcode: 42001 };
  if (record.retiresAtMs !== undefined && now >= record.retiresAtMs) return { ok: false, errcode: 40001 };
  return { ok: true, record };
};

/** Cancelling an authorization kills the account's access tokens of that platform at once. */
export const voidAuthorizerTokens = (context: TSimulatorContext, authorizerAppid: string, componentAppid?: string) => {
  const key = familyKey(context, "authorizer", authorizerAppid, componentAppid);
  for (const record of context.state.tokenFamilies.get(key) ?? []) context.state.tokens.delete(record.token);
  context.state.tokenFamilies.delete(key);
};

/**
 * Someone else refreshed the account's token (another system holding the same refresh token, a second environment):
 * every access token of the account (for that platform) issued so far answers 40001 from now on; the refresh token still works.
 */
const retireFamily = (context: TSimulatorContext, kind: TTokenRecord["kind"], authorizerAppid?: string, componentAppid?: string) => {
  const now = context.clock.nowMs();
  const family = context.state.tokenFamilies.get(familyKey(context, kind, authorizerAppid, componentAppid)) ?? [];
  for (const record of family) record.retiresAtMs = Math.min(record.retiresAtMs ?? Infinity, now);
  return family.length;
};

export const retireAuthorizerTokens = (context: TSimulatorContext, authorizerAppid: string, componentAppid?: string) =>
  retireFamily(context, "authorizer", authorizerAppid, componentAppid);

/** As a fresh WeChat would after the platform's secret was reset: every component token so far answers 40001. */
export const retireComponentTokens = (context: TSimulatorContext) => retireFamily(context, "component");
