import type { TSimulatorContext, TTokenRecord } from "./context";
import { newAccessToken } from "./random";

export const COMPONENT_TOKEN_LIFETIME_SECONDS = 7200;

/** The expires_in of a new token of this kind: the authorizer's is configurable (a short one lets a bench cycle fast). */
export const tokenLifetimeSeconds = (context: TSimulatorContext, kind: TTokenRecord["kind"]) =>
  kind === "component" ? COMPONENT_TOKEN_LIFETIME_SECONDS : context.config.authorizerTokenLifetimeSeconds;

const familyKey = (kind: TTokenRecord["kind"], authorizerAppid?: string, componentAppid?: string) =>
  `${kind}|${authorizerAppid ?? ""}${componentAppid ? `|${componentAppid}` : ""}`;

/**
 * Mints a token; older tokens of the same family (kind, account, and for an added platform's component token that
 * platform) keep working for the overlap window, then die (40001).
 */
export const issueToken = (
  context: TSimulatorContext,
  kind: TTokenRecord["kind"],
  authorizerAppid?: string,
  componentAppid?: string,
): TTokenRecord => {
  const now = context.clock.nowMs();
  const retiresAtMs = now + context.config.tokenOverlapSeconds * 1000;
  const family = (context.state.tokenFamilies.get(familyKey(kind, authorizerAppid, componentAppid)) ?? []).filter((record) => {
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
    componentAppid,
    issuedAtMs: now,
    expiresAtMs: now + tokenLifetimeSeconds(context, kind) * 1000,
  };
  context.state.tokens.set(record.token, record);
  context.state.tokenFamilies.set(familyKey(kind, authorizerAppid, componentAppid), [...family, record]);
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

/** Cancelling an authorization kills the account's access tokens at once. */
export const voidAuthorizerTokens = (context: TSimulatorContext, authorizerAppid: string) => {
  const key = familyKey("authorizer", authorizerAppid);
  for (const record of context.state.tokenFamilies.get(key) ?? []) context.state.tokens.delete(record.token);
  context.state.tokenFamilies.delete(key);
};

/**
 * Someone else refreshed the account's token (another system holding the same refresh token, a second environment):
 * every access token of the account issued so far answers 40001 from now on; the refresh token still works.
 */
const retireFamily = (context: TSimulatorContext, kind: TTokenRecord["kind"], authorizerAppid?: string) => {
  const now = context.clock.nowMs();
  const family = context.state.tokenFamilies.get(familyKey(kind, authorizerAppid)) ?? [];
  for (const record of family) record.retiresAtMs = Math.min(record.retiresAtMs ?? Infinity, now);
  return family.length;
};

export const retireAuthorizerTokens = (context: TSimulatorContext, authorizerAppid: string) =>
  retireFamily(context, "authorizer", authorizerAppid);

/** As a fresh WeChat would after the platform's secret was reset: every component token so far answers 40001. */
export const retireComponentTokens = (context: TSimulatorContext) => retireFamily(context, "component");
