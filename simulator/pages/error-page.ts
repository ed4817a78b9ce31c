import { escapeHtml, layout } from "./html";

export type TPageError = {
  /** Machine-readable reason, exposed as <main data-sim-error="…"> for tests. */
  marker: string;
  chinese: string;
  english: string;
};

/** WeChat shows an error page with HTTP 200 rather than an error status; so do we. */
export const renderErrorPage = (error: TPageError) =>
  layout(
    "授权出错 - Authorization error",
    `<main data-sim-error="${escapeHtml(error.marker)}">
<section class="card error" role="alert">
<h1>授权出错</h1>
<p>${escapeHtml(error.chinese)}</p>
<p class="muted" lang="en">${escapeHtml(error.english)}</p>
<p class="muted">错误标识 / error: <code>${escapeHtml(error.marker)}</code></p>
</section>
</main>`,
  );
