// The Content-Security-Policy of every page (proxy.ts sends it with a fresh nonce per request; Next.js reads the nonce
// from the request's copy and puts it on its own scripts). Scripts run only when they carry the nonce or are loaded
// by one that does ('strict-dynamic'); no eval outside development, where React needs it for its error overlay.
// Styles allow 'unsafe-inline': server-rendered `style` attributes (avatars, bars) cannot carry a nonce, and a
// nonce in style-src would turn 'unsafe-inline' off. Images also come from WeChat's hosts (head_img, qrcode_url).
// /api/* answers JSON and keeps its own header (next.config.mjs).

/** Where WeChat serves account avatars and QR codes from (both schemes: WeChat still hands out http:// links). */
const WECHAT_IMAGE_HOSTS = ["https://*.qlogo.cn", "http://*.qlogo.cn", "https://*.qpic.cn", "http://*.qpic.cn"];

export type ContentSecurityPolicyOptions = {
  /** Fresh for each response (createNonce). */
  nonce: string;
  /** `next dev`: allows eval. */
  isDevelopment: boolean;
  /** The dashboard may not be framed; the merchant's /authorize pages may (by the platform's site). */
  page: "dashboard" | "authorize";
  /** Origins images may also come from besides 'self', data: and WeChat's image hosts (the simulator in tests). */
  imageOrigins?: string[];
  /**
   * Origins a form may land on besides 'self': /authorize/:token/pc (posted from the merchant's page and from /invite)
   * redirects to WeChat's PC authorization page, and browsers check form-action on the redirect too.
   */
  formTargets?: string[];
};

/** A base64 nonce of 128 random bits. */
export const createNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/** The policy as one header value. */
export const buildContentSecurityPolicy = ({
  nonce,
  isDevelopment,
  page,
  imageOrigins = [],
  formTargets = [],
}: ContentSecurityPolicyOptions) => {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDevelopment ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", ...WECHAT_IMAGE_HOSTS, ...imageOrigins],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...formTargets],
    ...(page === "dashboard" ? [["frame-ancestors", "'none'"] as [string, string]] : []),
  ];
  return directives.map((directive) => [...new Set(directive)].join(" ")).join("; ");
};
