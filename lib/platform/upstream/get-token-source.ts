import { getEnv } from "../../env";
import { AppError } from "../../errors";

export type TTokenSource = { mode: "local" } | { mode: "upstream"; url: string };

/**
 * Where this instance's tokens come from: WeChat (local), or another wxopen's API (upstream, for staging: every
 * token fetched from WeChat retires the previous one, so staging must never fetch production's tokens itself).
 */
export const getTokenSource = (): TTokenSource => {
  const { TOKEN_UPSTREAM_URL, TOKEN_UPSTREAM_API_KEY } = getEnv();
  return TOKEN_UPSTREAM_URL && TOKEN_UPSTREAM_API_KEY ? { mode: "upstream", url: TOKEN_UPSTREAM_URL } : { mode: "local" };
};

/** The 409 for work only the instance that owns the tokens may do (refresh, sweep, authorization, import). */
export const upstreamOnlyError = (url: string, action: string) =>
  new AppError("conflict", `this instance reads tokens from ${url}; ${action} there, not here`, { reason: "token_upstream" });

/** Throws the 409 on an upstream (staging) instance: `action` would fetch or copy the owner's tokens from WeChat. */
export const assertOwnsTokens = (action: string) => {
  const source = getTokenSource();
  if (source.mode === "upstream") throw upstreamOnlyError(source.url, action);
};
