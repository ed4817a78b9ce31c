import { AppError } from "../../errors";
import { WECHAT_PROXY_PREFIXES, WXOPEN_ONLY_PATHS } from "./proxy-vocabulary";

// The WeChat path a caller asked for, checked so that no input can change the host or leave the API families:
// the proxy always calls `${WECHAT_API_BASE}/<path>`, and a path that could mean anything else is refused.

const SEGMENT = /^[A-Za-z0-9_\-.~]+$/;

/**
 * The raw path after `/wechat/` (as the client sent it, still percent-encoded) → the path to call, or a 400.
 * Refused: empty or dot segments (`//`, `.`, `..`), any percent-encoding (`%2f`, `%2e%2e`), `:` `@` `\` and every
 * other character outside letters, digits and `-_.~`, and paths outside WECHAT_PROXY_PREFIXES.
 */
export const parseProxyPath = (rawPath: string): string => {
  const refuse = (why: string) =>
    new AppError(
      "bad_request",
      `Not a WeChat API path: ${why}. Send the path as WeChat documents it, e.g. .../wechat/cgi-bin/message/custom/send.`,
    );
  if (rawPath.length === 0) throw refuse("the path is empty");
  if (rawPath.length > 200) throw refuse("the path is longer than 200 characters");
  const segments = rawPath.split("/");
  for (const segment of segments) {
    if (segment === "") throw refuse("it has an empty segment (//)");
    if (segment === "." || segment === "..") throw refuse("it has a . or .. segment");
    if (!SEGMENT.test(segment)) throw refuse(`"${segment.slice(0, 40)}" has characters other than letters, digits and -_.~`);
  }
  const path = segments.join("/");
  if (!WECHAT_PROXY_PREFIXES.some((prefix) => path.startsWith(prefix) && path.length > prefix.length))
    throw refuse(`it must start with one of ${WECHAT_PROXY_PREFIXES.join(", ")}`);
  if ((WXOPEN_ONLY_PATHS as readonly string[]).includes(path))
    throw new AppError(
      "forbidden",
      `${path} is a call only wxopen makes: it would hand out a refresh token or mint tokens. Read tokens from ` +
        "GET /api/v1/authorizers/{appid}/access-token and start authorizations with POST /api/v1/authorization-links.",
    );
  return path;
};

/** The part of a request URL's raw path after `marker` (e.g. "/wechat/"), before any decoding. */
export const rawPathAfter = (requestUrl: string, marker: string) => {
  // request.url keeps the client's percent-encoding; only the scheme and host are parsed here.
  const afterHost = requestUrl.replace(/^[a-z]+:\/\/[^/]*/i, "");
  const path = afterHost.split(/[?#]/)[0];
  const at = path.indexOf(marker);
  return at === -1 ? "" : path.slice(at + marker.length);
};
