import type { TAppErrorCode } from "@/lib/errors";
import { retryAfter, STATUS_BY_CODE, toAppError } from "@/lib/http/error-response";

// Route handlers of the merchant's flow cannot render React; this answers the same calm page as plain HTML with
// the right status (400/404/410/502...), so a failed step is never a stack trace or a JSON blob.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => ENTITIES[character]);

const HEADINGS: Partial<Record<TAppErrorCode, { zh: string; en: string; advice: string }>> = {
  bad_request: { zh: "授权未完成", en: "The authorization was not completed", advice: "请回到授权链接页面重新授权。" },
  not_found: {
    zh: "找不到这个授权链接",
    en: "This authorization link was not found",
    advice: "请确认链接完整，或联系平台运营方获取新的链接。",
  },
  gone: { zh: "这个授权链接已失效", en: "This authorization link can no longer be used", advice: "请联系平台运营方获取新的授权链接。" },
  conflict: { zh: "授权未完成", en: "The authorization was not completed", advice: "请回到授权链接页面重新授权。" },
  wechat_error: {
    zh: "暂时无法完成授权",
    en: "WeChat could not complete the authorization",
    advice: "微信暂时无法完成授权，请稍后回到授权链接页面重试。",
  },
  unavailable: { zh: "暂时无法完成授权", en: "The authorization cannot be completed right now", advice: "请稍后回到授权链接页面重试。" },
  rate_limited: { zh: "尝试次数过多", en: "Too many attempts", advice: "请稍等几分钟，再回到授权链接页面重试。" },
};
const FALLBACK = { zh: "出错了", en: "Something went wrong", advice: "请稍后回到授权链接页面重试；如问题持续，请联系平台运营方。" };

const STYLE = `body{margin:0;background:#f8fafc;color:#0f172a;font:15px/1.6 ui-sans-serif,system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
header{background:#fff;border-bottom:1px solid #e2e8f0}header div{max-width:48rem;margin:0 auto;padding:16px 20px;display:flex;gap:12px;align-items:center}
.logo{width:32px;height:32px;border-radius:8px;background:#07c160;color:#fff;display:grid;place-items:center;font-weight:700;font-size:14px}
main{max-width:48rem;margin:0 auto;padding:32px 20px}section{background:#fff;border:1px solid #fde68a;border-radius:16px;padding:32px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h1{font-size:20px;margin:0 0 16px}h1 span{display:block;font-size:.8em;font-weight:400;color:#64748b}.en{color:#64748b;font-size:14px;margin-top:4px}.small{color:#94a3b8;font-size:12px;margin-top:24px}`;

/** WeChat's own errmsg and our internal messages are for operators (the event log), not for the merchant's page. */
const GENERIC_ENGLISH: Partial<Record<TAppErrorCode, string>> = {
  wechat_error: "WeChat could not complete this step right now. Go back to your invitation link and try again in a few minutes.",
  internal:
    "Something went wrong on our side. Go back to your invitation link and try again; if it keeps happening, contact the platform operator.",
};

/** The merchant-facing error page for any thrown value. */
export const authorizationErrorResponse = (error: unknown) => {
  const appError = toAppError(error);
  const status = STATUS_BY_CODE[appError.code];
  const heading = HEADINGS[appError.code] ?? FALLBACK;
  const zh = typeof appError.details?.zh === "string" ? appError.details.zh : heading.advice;
  const errcode = typeof appError.details?.errcode === "number" ? ` · errcode ${appError.details.errcode}` : "";
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(heading.zh)} · ${escapeHtml(heading.en)}</title><style>${STYLE}</style></head>
<body><header><div><span class="logo" aria-hidden="true">wx</span><strong>公众号 / 小程序授权 <small style="color:#64748b;font-weight:400">WeChat account authorization</small></strong></div></header>
<main><section role="alert"><h1>${escapeHtml(heading.zh)}<span lang="en">${escapeHtml(heading.en)}</span></h1>
<p>${escapeHtml(zh)}</p><p class="en" lang="en">${escapeHtml(GENERIC_ENGLISH[appError.code] ?? appError.message)}</p>
<p class="small">HTTP ${status}${escapeHtml(errcode)}</p></section></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...retryAfter(appError) },
  });
};
