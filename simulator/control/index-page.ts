import { KIND_LABELS } from "../accounts";
import { escapeHtml, layout } from "../pages/html";
import type { TAccountView, TSimulator } from "../simulator-types";
import { customMessagesSection, messagesSection } from "./messages-page";
import { isReleaseCheckRunning, releaseCheckSection } from "./release-check-page";

const RECENT = 30;

const postButton = (action: string, label: string, fields: Record<string, string> = {}, className = "") =>
  `<form class="inline" method="post" action="${escapeHtml(action)}">${Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("")}<button type="submit"${className ? ` class="${className}"` : ""}>${escapeHtml(label)}</button></form>`;

const summarySection = (simulator: TSimulator) => {
  const state = simulator.state();
  return `<section class="card" aria-labelledby="summary">
<h1 id="summary">WeChat 模拟器控制台</h1>
<div class="scroll"><table>
<tr><th>模拟时间 / clock</th><td>${escapeHtml(state.now)} (offset ${state.clockOffsetSeconds}s)</td></tr>
<tr><th>component_appid</th><td><code>${escapeHtml(state.componentAppid)}</code></td></tr>
<tr><th>授权事件接收URL</th><td><code>${escapeHtml(state.notifyUrl)}</code></td></tr>
<tr><th>消息与事件接收URL</th><td><code>${escapeHtml(state.messageUrl)}</code></td></tr>
<tr><th>授权发起页域名</th><td>${escapeHtml(state.authDomains.join(", "))}</td></tr>
<tr><th>最新票据 / ticket</th><td>${state.latestTicket ? `<code>${escapeHtml(state.latestTicket.ticket.slice(0, 32))}…</code> issued ${escapeHtml(state.latestTicket.issuedAt)}` : "尚未推送 (none yet)"}</td></tr>
</table></div>
<p>${postButton("/__sim/push-ticket", "推送票据 Push ticket")}
${postButton("/__sim/clock", "时钟 +1 小时", { advanceSeconds: "3600" })}
${postButton("/__sim/clock", "时钟 +2 小时", { advanceSeconds: "7200" })}
${postButton("/__sim/clock", "时钟 +12 小时", { advanceSeconds: "43200" })}
${state.faults.length > 0 ? postButton("/__sim/faults/clear", `清除故障 Clear ${state.faults.length} fault(s)`, {}, "secondary") : ""}</p>
<p><a href="/__sim/mini-programs">小程序代码管理 Mini Program code: templates, reviews, releases →</a></p>
</section>`;
};

/** The account's authorizations of added platforms, one line each, with a cancel button for the active ones. */
const addedPlatformLines = (account: TAccountView) =>
  account.authorizations
    .filter((authorization) => authorization.componentAppid)
    .map(({ componentAppid = "", isActive }) => {
      const cancel = postButton(
        `/__sim/authorizations/${account.appid}/cancel`,
        `取消授权 ${account.nickName} · ${componentAppid}`,
        { componentAppid },
        "secondary",
      );
      return `<br><small><code>${escapeHtml(componentAppid)}</code> ${isActive ? `已授权 ${cancel}` : "已取消授权"}</small>`;
    })
    .join("");

const accountsSection = (simulator: TSimulator) => {
  const rows = simulator
    .accounts()
    .map((account) => {
      const status = account.authorization?.isActive
        ? `已授权 <small>(${account.authorization.funcIds.join(", ")})</small>`
        : account.authorization
          ? "已取消授权"
          : "未授权";
      const action = account.authorization?.isActive
        ? postButton(`/__sim/authorizations/${account.appid}/cancel`, `取消授权 ${account.nickName}`, {}, "secondary")
        : postButton("/__sim/authorizations", `直接授权 ${account.nickName}`, { appid: account.appid });
      return `<tr><td><img src="/__sim/avatar/${escapeHtml(account.appid)}.svg" alt="" width="28" height="28" style="border-radius:50%"></td>
<td>${escapeHtml(account.nickName)}<br><small class="muted">${escapeHtml(account.principalName)}</small></td>
<td>${KIND_LABELS[account.kind]}</td><td><code>${escapeHtml(account.appid)}</code></td><td>${status}${addedPlatformLines(account)}</td><td>${action}</td></tr>`;
    })
    .join("\n");
  return `<section class="card" aria-labelledby="accounts"><h2 id="accounts">帐号与授权 Accounts</h2>
<div class="scroll"><table><thead><tr><th></th><th>名称</th><th>类型</th><th>appid</th><th>授权状态</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
<p>${postButton("/__sim/accounts/bulk", "新增 10 个测试帐号 Add 10 accounts", { count: "10" })}</p></section>`;
};

const callsSection = (simulator: TSimulator) => {
  const rows = simulator
    .calls()
    .slice(-RECENT)
    .reverse()
    .map(
      (call) =>
        `<tr><td>${escapeHtml(call.at)}</td><td>${escapeHtml(call.api)}</td><td>${call.status}</td><td>${call.errcode ?? "—"}</td><td><code>${escapeHtml(JSON.stringify(call.body).slice(0, 160))}</code></td></tr>`,
    )
    .join("\n");
  return `<section class="card" aria-labelledby="calls"><h2 id="calls">最近的 API 调用 Recent calls</h2>
<div class="scroll"><table><thead><tr><th>时间</th><th>API</th><th>HTTP</th><th>errcode</th><th>body</th></tr></thead><tbody>${rows || '<tr><td colspan="5" class="muted">暂无</td></tr>'}</tbody></table></div></section>`;
};

const deliveriesSection = (simulator: TSimulator) => {
  const rows = simulator
    .deliveries()
    .slice(-RECENT)
    .reverse()
    .map(
      (delivery) =>
        `<tr><td>${escapeHtml(delivery.at)}</td><td>${escapeHtml(delivery.infoType)}</td><td><code>${escapeHtml(delivery.authorizerAppid ?? "")}</code></td><td>${delivery.attempts}</td><td>${delivery.isPending ? "发送中" : delivery.ok ? "成功" : "失败"}</td><td>${delivery.status ?? "—"}</td><td><code>${escapeHtml(delivery.body)}</code></td></tr>`,
    )
    .join("\n");
  return `<section class="card" aria-labelledby="deliveries"><h2 id="deliveries">推送记录 Pushes</h2>
<div class="scroll"><table><thead><tr><th>时间</th><th>InfoType</th><th>AuthorizerAppid</th><th>次数</th><th>结果</th><th>HTTP</th><th>回复</th></tr></thead><tbody>${rows || '<tr><td colspan="7" class="muted">暂无</td></tr>'}</tbody></table></div></section>`;
};

// GET /__sim/ - the operators' page: accounts, authorizations, messages, the release check, recent calls and pushes
export const renderIndexPage = (simulator: TSimulator) =>
  layout(
    "WeChat 模拟器",
    `<main data-sim-page="index">
${summarySection(simulator)}
${accountsSection(simulator)}
${releaseCheckSection(simulator)}
${messagesSection(simulator)}
${customMessagesSection(simulator)}
${callsSection(simulator)}
${deliveriesSection(simulator)}
</main>`,
    // Only while a run is in progress: the operator watches its steps arrive, and nothing else reloads under them.
    // A URL that differs each time: a refresh to the same URL with a #fragment is a fragment jump, not a reload.
    isReleaseCheckRunning(simulator) ? `<meta http-equiv="refresh" content="2; url=/__sim/?at=${Date.now()}#release-check">` : "",
  );
