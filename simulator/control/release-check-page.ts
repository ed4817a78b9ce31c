import { escapeHtml } from "../pages/html";
import { RELEASE_CHECK_STEPS, type TReleaseCheckRun } from "../release-check-types";
import type { TSimulator } from "../simulator-types";
import { platformField } from "./platform-field";

// The index page's release-check section (全网发布接入检测): start a run, watch it, read each step's verdict.

const SHOWN_RUNS = 5;

const STEP_LABELS: Record<string, string> = {
  ticket: "票据 ticket",
  authorization: "授权 authorization",
  text: "文本消息 text",
  api_text: "API 文本 api_text",
  event: "事件 event",
  cancellation: "取消授权 cancellation",
};

const verdict = (ok: boolean) => (ok ? '<span class="pass">✓ pass</span>' : '<span class="fail">✗ fail</span>');

const runStatus = (run: TReleaseCheckRun) =>
  run.status === "running"
    ? '<span class="running">running</span>'
    : run.status === "passed"
      ? '<span class="pass">✓ passed</span>'
      : '<span class="fail">✗ failed</span>';

const runBlock = (run: TReleaseCheckRun) => {
  const names = new Map(run.accounts.map((account) => [account.appid, account.nickName]));
  const rows = run.steps
    .map(
      (step) => `<tr data-testid="release-check-step" data-step="${step.step}" data-appid="${escapeHtml(step.appid)}" data-ok="${step.ok}">
<td>${escapeHtml(names.get(step.appid) ?? step.appid)}</td><td>${escapeHtml(STEP_LABELS[step.step] ?? step.step)}</td><td>${verdict(step.ok)}</td>
<td class="detail">${escapeHtml(step.detail)}</td><td>${step.durationMs} ms</td></tr>`,
    )
    .join("\n");
  const progress = run.current
    ? `<tr><td>${escapeHtml(names.get(run.current.appid) ?? run.current.appid)}</td><td>${escapeHtml(STEP_LABELS[run.current.step])}</td><td colspan="3"><span class="running">running…</span></td></tr>`
    : "";
  return `<div data-testid="release-check-run" data-run-id="${run.id}" data-status="${run.status}">
<h3>#${run.id} · 第 ${run.group} 组 group ${run.group} · <code>${escapeHtml(run.componentAppid)}</code> · ${runStatus(run)} <small class="muted">${escapeHtml(run.startedAt)}</small></h3>
<div class="scroll"><table><thead><tr><th>帐号 Account</th><th>步骤 Step</th><th>结果</th><th>说明 Detail</th><th>耗时</th></tr></thead>
<tbody>${rows}${progress}</tbody></table></div></div>`;
};

export const isReleaseCheckRunning = (simulator: TSimulator) => simulator.releaseChecks().some((run) => run.status === "running");

export const releaseCheckSection = (simulator: TSimulator) => {
  const runs = simulator.releaseChecks();
  const running = runs.find((run) => run.status === "running");
  const groups = [1, 2, 3, 4, 5].map((group) => `<option value="${group}">第 ${group} 组 group ${group}</option>`).join("");
  return `<section class="card" id="release-check" aria-labelledby="release-check-title">
<h2 id="release-check-title">全网发布接入检测 Release check</h2>
<p class="muted">Plays WeChat's checker against the platform: a ticket, then for the group's Official Account and Mini Program an authorization, the text, API text and event messages, and a cancellation.</p>
<form method="post" action="/__sim/release-check" data-testid="release-check-form">
<div class="fields"><label>测试组 Group<select name="group"><option value="random">随机 random</option>${groups}</select></label>${platformField(simulator)}</div>
<button type="submit"${running ? " disabled" : ""}>Run the release check</button>
</form>
${running ? `<p role="status" class="running">Run #${running.id} is in progress (${running.steps.length} of ${1 + (RELEASE_CHECK_STEPS.length - 1) * running.accounts.length} steps done); this page refreshes every 2 s.</p>` : ""}
${runs.slice(0, SHOWN_RUNS).map(runBlock).join("\n") || '<p class="muted">尚未运行 No run yet.</p>'}
</section>`;
};
