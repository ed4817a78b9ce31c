// The words of the WeChat API proxy, import-free so pages and docs can use them too.

/**
 * The WeChat API families wxopen proxies (the first path segment, or the first two for cgi-bin's siblings).
 * Anything else is refused with 400: the proxy is for WeChat's APIs, not for WeChat's web pages.
 */
export const WECHAT_PROXY_PREFIXES = [
  "cgi-bin/",
  "wxa/",
  "sns/",
  "datacube/",
  "card/",
  "merchant/",
  "shop/",
  "product/",
  "wxaapi/",
  "customservice/",
  "tcb/",
  "semantic/",
] as const;

/**
 * Component calls that only wxopen makes: they mint tokens, read an authorization's refresh token or restart the
 * ticket push. Through the proxy any of them would hand a caller what wxopen exists to keep, so they answer 403.
 */
export const WXOPEN_ONLY_PATHS = [
  "cgi-bin/component/api_component_token",
  "cgi-bin/component/api_query_auth",
  "cgi-bin/component/api_authorizer_token",
  "cgi-bin/component/api_create_preauthcode",
  "cgi-bin/component/api_start_push_ticket",
] as const;

/** WeChat rejected the token itself: expire exactly that token, refresh once, retry the request once. */
export const TOKEN_REJECTED_ERRCODES = [40001, 40014, 42001] as const;

/** WeChat ended the authorization: the account's status changes as a refresh would find it (61023, 42007, 61003). */
export const AUTHORIZATION_ENDED_ERRCODES = [61023, 42007, 61003] as const;

/** Request bodies up to this size are kept so a rejected-token call can be sent again. */
export const PROXY_REPLAYABLE_BYTES = 1024 * 1024;

/** The largest request body the proxy forwards (WeChat's own media limit is 10 MB). */
export const PROXY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Answer header: how the proxy handled a rejected token. */
export const PROXY_RETRY_HEADER = "x-wxopen-retry";
