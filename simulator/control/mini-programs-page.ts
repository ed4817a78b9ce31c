import type { TAuditView, TMiniProgramView } from "../mini-program/mini-program-view";
import { escapeHtml, layout } from "../pages/html";
import type { TSimulator } from "../simulator-types";
import { platformSections } from "./template-library-section";

// GET /__sim/mini-programs - the authorized mini programs' trial, review and online versions, with the reviewer's
// buttons (pass / fail with a reason / delay) for the audit in review, the quota and the template library.

/** A campaign may authorize 1,000 mini programs: the ones with code come first, and the list stops here. */
const SHOWN_ROWS = 200;

const decisionForm = (view: TMiniProgramView, outcome: string, label: string, withReason = false) =>
  `<form class="inline" method="post" action="/__sim/mini-programs/${escapeHtml(view.appid)}/audit-decision">
<input type="hidden" name="componentAppid" value="${escapeHtml(view.componentAppid)}"><input type="hidden" name="outcome" value="${outcome}">
${withReason ? '<input name="reason" placeholder="驳回原因 reason" aria-label="reason" style="width:10em">' : ""}<button type="submit"${outcome === "fail" ? ' class="secondary"' : ""}>${label}</button></form>`;

const auditCell = (view: TMiniProgramView, audit: TAuditView | undefined) => {
  if (!audit) return '<span class="muted">—</span>';
  const head = `#${audit.auditid} ${escapeHtml(audit.userVersion)} · <strong>${escapeHtml(audit.statusName)}</strong>${audit.isSpedUp ? " (sped up)" : ""}`;
  const reason = audit.reason ? `<br><small class="muted">${escapeHtml(audit.reason)}</small>` : "";
  if (audit.status !== 2 && audit.status !== 4) return head + reason;
  const due = audit.dueAt ? `<br><small class="muted">auto at ${escapeHtml(audit.dueAt)}</small>` : "";
  return `${head}${reason}${due}<br>${decisionForm(view, "pass", "通过 Pass")} ${decisionForm(view, "fail", "驳回 Fail", true)} ${decisionForm(view, "delay", "延后 Delay")}`;
};

const row = (view: TMiniProgramView, names: Map<string, string>) => {
  const trial = view.trial
    ? `${escapeHtml(view.trial.userVersion)} <small class="muted">template ${view.trial.templateId}${view.trial.isScanning ? " · 隐私扫描中 scanning" : ""}</small>`
    : '<span class="muted">—</span>';
  const online = view.online
    ? `${escapeHtml(view.online.userVersion)} <small class="muted">app_version ${view.online.appVersion} · ${view.visitStatus}</small>`
    : '<span class="muted">—</span>';
  const gray =
    view.gray && (view.gray.status === 1 || view.gray.status === 2) ? `<br><small>灰度 gray ${view.gray.grayPercentage}%</small>` : "";
  return `<tr data-testid="mini-program-row" data-appid="${escapeHtml(view.appid)}" data-platform="${escapeHtml(view.componentAppid)}">
<td>${escapeHtml(names.get(view.appid) ?? view.appid)}<br><small class="muted"><code>${escapeHtml(view.appid)}</code> · <code>${escapeHtml(view.componentAppid)}</code></small></td>
<td>${trial}</td><td>${auditCell(view, view.audits.at(-1))}</td><td>${online}${gray}</td></tr>`;
};

const miniProgramsSection = (simulator: TSimulator) => {
  const names = new Map(simulator.accounts().map((account) => [account.appid, account.nickName]));
  const views = simulator.miniPrograms();
  // Stable sort: the ones with code or audits first, in authorization order.
  const ordered = [
    ...views.filter((view) => view.trial || view.audits.length > 0),
    ...views.filter((view) => !view.trial && view.audits.length === 0),
  ];
  const rows = ordered
    .slice(0, SHOWN_ROWS)
    .map((view) => row(view, names))
    .join("\n");
  const more =
    ordered.length > SHOWN_ROWS
      ? `<p class="muted">${ordered.length - SHOWN_ROWS} more not shown; read them at GET /__sim/mini-programs/{appid}.</p>`
      : "";
  return `<section class="card" id="mini-programs" aria-labelledby="mini-programs-title"><h2 id="mini-programs-title">已授权小程序 Authorized mini programs</h2>
<div class="scroll"><table data-testid="mini-programs-table"><thead><tr><th>小程序 Mini program</th><th>体验版 Trial</th><th>审核 Review</th><th>线上 Online</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4" class="muted">没有已授权的小程序 No authorized mini program</td></tr>'}</tbody></table></div>${more}</section>`;
};

export const renderMiniProgramsPage = (simulator: TSimulator) =>
  layout(
    "小程序代码管理 · WeChat 模拟器",
    `<main data-sim-page="mini-programs">
<section class="card"><h1>小程序代码管理 Mini Program code</h1>
<p class="muted">Templates, commits, reviews and releases (§11). Reviews decide by themselves after ${simulator.config.reviewSeconds || "∞"} s of simulator time; the buttons decide now and push weapp_audit_* to the platform's message URL. <a href="/__sim/">← 控制台 Control page</a></p></section>
${miniProgramsSection(simulator)}
${platformSections(simulator)}
</main>`,
  );
