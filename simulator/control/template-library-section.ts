import { escapeHtml } from "../pages/html";
import type { TSimulator } from "../simulator-types";
import { platformField } from "./platform-field";

// The code-management page's platform sections: each platform's audit quota and template library, the draft form.

const SHOWN = 20;

const newest = <T>(items: T[]) => items.slice(-SHOWN).reverse();

const quotaRow = (simulator: TSimulator, componentAppid: string) => {
  const quota = simulator.auditQuota(componentAppid);
  return `<tr data-testid="audit-quota" data-platform="${escapeHtml(componentAppid)}" data-rest="${quota.rest}">
<td><code>${escapeHtml(componentAppid)}</code></td><td>${quota.rest} / ${quota.limit}</td><td>${quota.speedupRest} / ${quota.speedupLimit}</td>
<td><form class="inline" method="post" action="/__sim/audit-quota"><input type="hidden" name="componentAppid" value="${escapeHtml(componentAppid)}">
<input name="rest" type="number" min="0" value="${quota.rest}" aria-label="rest" style="width:6em"> <button type="submit">设置 Set rest</button></form></td></tr>`;
};

const librarySection = (simulator: TSimulator, componentAppid: string) => {
  const { drafts, templates } = simulator.templateLibrary(componentAppid);
  const draftRows = newest(drafts)
    .map(
      (draft) =>
        `<tr><td>${draft.draftId}</td><td>${escapeHtml(draft.userVersion)}</td><td>${escapeHtml(draft.userDesc)}</td><td class="detail">${escapeHtml(draft.pages.join(", "))}</td></tr>`,
    )
    .join("\n");
  const templateRows = newest(templates)
    .map(
      (template) =>
        `<tr><td>${template.templateId}</td><td>${template.templateType === 1 ? "标准 standard" : "普通 normal"}</td><td>${escapeHtml(template.userVersion)}</td><td>${escapeHtml(template.userDesc)}</td><td>${template.draftId}</td></tr>`,
    )
    .join("\n");
  return `<h3>模板库 Library · <code>${escapeHtml(componentAppid)}</code> <small class="muted">${drafts.length} drafts, ${templates.length} templates</small></h3>
<div class="scroll"><table data-testid="template-drafts"><thead><tr><th>draft_id</th><th>版本</th><th>描述</th><th>页面 pages</th></tr></thead><tbody>${draftRows}</tbody></table></div>
<div class="scroll"><table data-testid="templates"><thead><tr><th>template_id</th><th>类型</th><th>版本</th><th>描述</th><th>draft_id</th></tr></thead><tbody>${templateRows || '<tr><td colspan="5" class="muted">暂无</td></tr>'}</tbody></table></div>`;
};

export const platformSections = (simulator: TSimulator) => {
  const platforms = simulator.platforms().map((platform) => platform.componentAppid);
  return `<section class="card" id="quota" aria-labelledby="quota-title"><h2 id="quota-title">审核额度 Audit quota (this month)</h2>
<div class="scroll"><table><thead><tr><th>平台 Platform</th><th>rest / limit</th><th>speedup</th><th></th></tr></thead>
<tbody>${platforms.map((componentAppid) => quotaRow(simulator, componentAppid)).join("\n")}</tbody></table></div></section>
<section class="card" id="templates" aria-labelledby="templates-title"><h2 id="templates-title">草稿与模板 Drafts and templates</h2>
<p class="muted">A draft stands for code the platform's development mini program uploaded from the developer tools; addtotemplate makes it a template.</p>
<form method="post" action="/__sim/template-drafts" data-testid="template-draft-form">
<div class="fields">${platformField(simulator)}
<label>版本 user_version<input name="userVersion" required maxlength="64" value="1.0.0"></label>
<label>描述 user_desc<input name="userDesc" value="新草稿"></label>
<label>页面 pages (comma-separated)<input name="pages" placeholder="pages/index/index, pages/shop/list"></label></div>
<button type="submit">上传草稿 Add a draft</button></form>
${platforms.map((componentAppid) => librarySection(simulator, componentAppid)).join("\n")}</section>`;
};
