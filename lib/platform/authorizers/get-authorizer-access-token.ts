import {
  authorizerTokenMarginMs,
  assertServable,
  readAuthorizerTokenState,
  remainingMs,
  storedAccessToken,
  type TAuthorizerAccessToken,
} from "./authorizer-token-state";
import { getTokenSource } from "../upstream/get-token-source";
import { readUpstreamToken } from "../upstream/read-upstream-token";
import { refreshAuthorizerToken } from "./refresh-authorizer-token";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";

export type { TAuthorizerAccessToken } from "./authorizer-token-state";

/**
 * An authorizer's access token: the stored one while more than the serve margin remains (authorizerTokenMarginMs: 15 minutes by default), else a refreshed one. While a
 * failed refresh is backing off, a stored token that has not expired is still answered. Unknown appid → not_found;
 * unauthorized / needs_reauthorization → conflict with the status and the reason.
 */
export const getAuthorizerAccessToken = async (ref: TAuthorizerRef): Promise<TAuthorizerAccessToken> => {
  // Staging reads production's token instead of refreshing it (which would retire production's).
  if (getTokenSource().mode === "upstream") return { ...ref, ...(await readUpstreamToken({ authorizer: ref })) };
  const row = await readAuthorizerTokenState(ref);
  assertServable(row, ref.appid);
  const stored = storedAccessToken(row);
  if (stored && remainingMs(stored) > authorizerTokenMarginMs()) return stored;
  if (stored && row.nextRetryAt && row.nextRetryAt.getTime() > Date.now()) return stored;
  return refreshAuthorizerToken(ref);
};
