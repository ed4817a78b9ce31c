const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Everything interpolated into a page goes through this: names and URLs come from callers. */
export const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (character) => ENTITIES[character]);

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;background:#f2f3f5;color:#191919}
header.bar{background:#fff;border-bottom:1px solid #e5e5e5;padding:14px 24px;display:flex;align-items:center;gap:12px}
header.bar .logo{width:28px;height:28px;border-radius:6px;background:#07c160;color:#fff;display:grid;place-items:center;font-weight:700}
header.bar .tag{margin-left:auto;font-size:12px;color:#fa9d3b;border:1px solid #fa9d3b;border-radius:10px;padding:0 8px}
main{max-width:880px;margin:24px auto;padding:0 16px}
h1{font-size:22px;font-weight:600;margin:8px 0 4px}
.muted{color:#7f7f7f;font-size:13px}
.card{background:#fff;border-radius:8px;padding:20px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.account-head{display:flex;gap:14px;align-items:center}
.account-head img{width:52px;height:52px;border-radius:50%}
.account-head h2{font-size:18px;margin:0}
.badge{display:inline-block;font-size:12px;border-radius:4px;padding:0 6px;margin-left:6px;background:#e8f8ef;color:#07c160;vertical-align:middle}
.badge.mini{background:#eef3ff;color:#576b95}
.badge.done{background:#fff4e5;color:#c87d2f}
fieldset{border:1px solid #ededed;border-radius:6px;margin:14px 0;padding:10px 14px}
legend{font-size:13px;color:#7f7f7f;padding:0 4px}
.scopes{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:4px 16px}
.scopes label{display:flex;gap:8px;align-items:center;font-size:14px;cursor:pointer}
.scopes small{color:#b2b2b2}
button,.button{background:#07c160;color:#fff;border:0;border-radius:6px;padding:9px 22px;font-size:15px;cursor:pointer}
button:hover{background:#06ad56}
button.secondary{background:#f2f2f2;color:#c0392b}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #f0f0f0;vertical-align:top}
td code{font-size:12px;word-break:break-all}
.error{border-left:4px solid #fa5151}
.error h1{color:#fa5151}
.inline{display:inline}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.fields{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:8px 0 14px}
.fields label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:#7f7f7f;flex:1 1 150px;min-width:0}
input,select{font:inherit;font-size:14px;color:#191919;padding:7px 8px;border:1px solid #dcdcdc;border-radius:6px;background:#fff;width:100%}
button:disabled{background:#b2b2b2;cursor:not-allowed}
.pass{color:#07c160;font-weight:600}
.fail{color:#fa5151;font-weight:600}
.running{color:#fa9d3b;font-weight:600}
td.detail{overflow-wrap:anywhere;min-width:14em}
h3{font-size:15px;margin:14px 0 4px}
@media (max-width:600px){main{padding:0 8px}.card{padding:14px}header.bar{padding:10px 12px}th,td{padding:5px 6px}}
`;

/** `head` adds elements to <head> (the index page's auto-refresh while a release check runs). */
export const layout = (title: string, body: string, head = "") => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
${head}</head>
<body>
<header class="bar"><span class="logo" aria-hidden="true">微</span><strong>微信公众平台 · 第三方平台授权</strong><span class="tag">WeChat 模拟器 Simulator</span></header>
${body}
</body>
</html>`;
