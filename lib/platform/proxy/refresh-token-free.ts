// No answer of wxopen ever contains a refresh token: a key that is revoked later must not have taken what never expires.
// WeChat names them authorizer_refresh_token (api_query_auth, api_get_authorizer_info) and refresh_token
// (api_get_authorizer_list); both fields are removed from every proxied JSON answer, the rest of it kept.

const REFRESH_TOKEN_FIELD = /refresh_token$/;
/** Cheap test before a parse: almost no answer mentions a refresh token at all. */
const MENTION = "refresh_token";

const strip = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !REFRESH_TOKEN_FIELD.test(key))
      .map(([key, inner]) => [key, strip(inner)]),
  );
};

/** `bytes` (a JSON answer) without any field whose name ends in refresh_token; the same bytes when it has none. */
export const withoutRefreshTokens = (bytes: Buffer): Buffer => {
  if (!bytes.includes(MENTION)) return bytes;
  const text = bytes.toString("utf8");
  try {
    return Buffer.from(JSON.stringify(strip(JSON.parse(text))), "utf8");
  } catch {
    // Not JSON after all: blank every quoted value that follows such a name rather than pass it on.
    return Buffer.from(text.replace(/("\w*refresh_token"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1""'), "utf8");
  }
};
