import { MESSAGE_KINDS } from "../message-content";
import type { TMessageRecord } from "../messages";
import { escapeHtml } from "../pages/html";
import type { TSimulator } from "../simulator-types";
import { platformField } from "./platform-field";

// The index page's message URL sections: send as a WeChat user, what was sent, and the customer-service messages received.

const RECENT = 30;
const EVENT_NAMES = ["subscribe", "unsubscribe", "SCAN", "CLICK", "VIEW", "LOCATION", "user_enter_tempsession"];

const replyCell = (message: TMessageRecord) => {
  if (message.isPending) return '<span class="muted">…</span>';
  const { reply } = message;
  if (reply.kind === "text") return `<span class="pass">text</span> ${escapeHtml(reply.content)}`;
  if (reply.kind === "other") return `<span class="pass">${escapeHtml(reply.msgType)}</span>`;
  if (reply.kind === "invalid") return `<span class="fail">invalid</span> ${escapeHtml(reply.error)}`;
  return `<span class="muted">none (${message.isEmptyAnswer ? "empty body" : escapeHtml(JSON.stringify(message.answer.slice(0, 40)))})</span>`;
};

const statusCell = (message: TMessageRecord) => {
  if (message.isPending) return '<span class="running">pending</span>';
  if (message.ok) return `<span class="pass">HTTP ${message.status}</span> <small>${message.latencyMs} ms</small>`;
  const reason = message.status === null ? message.answer.slice(0, 80) : `HTTP ${message.status}`;
  return `<span class="fail">failed</span> <small>${escapeHtml(reason)}</small>`;
};

const sendForm = (simulator: TSimulator) => {
  const authorized = simulator.accounts().filter((account) => account.authorizations.some((authorization) => authorization.isActive));
  if (authorized.length === 0) return '<p class="muted">没有已授权的帐号 No authorized account: authorize one above first.</p>';
  const accounts = authorized
    .map(
      (account) => `<option value="${escapeHtml(account.appid)}">${escapeHtml(account.nickName)} (${escapeHtml(account.appid)})</option>`,
    )
    .join("");
  const kinds = MESSAGE_KINDS.map((kind) => `<option value="${kind}">${kind}</option>`).join("");
  const events = EVENT_NAMES.map((name) => `<option value="${name}"></option>`).join("");
  return `<form method="post" action="/__sim/messages" data-testid="send-message-form">
<div class="fields">
<label>帐号 Account<select name="appid" required>${accounts}</select></label>
${platformField(simulator)}
<label>类型 Kind<select name="kind">${kinds}</select></label>
<label>内容 Content (text; audit Reason)<input name="content" value="你好"></label>
<label>事件 Event<input name="event" list="event-names" placeholder="subscribe"></label>
<label>EventKey<input name="eventKey" placeholder="optional"></label>
</div>
<datalist id="event-names">${events}</datalist>
<button type="submit">发送 Send</button>
</form>`;
};

export const messagesSection = (simulator: TSimulator) => {
  const names = new Map(simulator.accounts().map((account) => [account.appid, account.nickName]));
  const rows = simulator
    .messages()
    .slice(-RECENT)
    .reverse()
    .map(
      (message) => `<tr data-testid="message-row" data-ok="${message.ok}">
<td>${escapeHtml(message.at)}</td><td>${escapeHtml(names.get(message.appid) ?? message.appid)}<br><small class="muted">${escapeHtml(message.openid)}</small></td>
<td>${escapeHtml(message.event ? `event ${message.event}` : message.msgType)}</td><td class="detail">${escapeHtml(message.summary)}</td>
<td>${message.attempts}</td><td>${statusCell(message)}</td><td class="detail">${replyCell(message)}</td></tr>`,
    )
    .join("\n");
  return `<section class="card" id="messages" aria-labelledby="messages-title">
<h2 id="messages-title">以微信用户身份发消息 Send as a WeChat user</h2>
<p class="muted">POST to the platform's message URL (the primary's: <code>${escapeHtml(simulator.config.messageUrl)}</code>), sealed with its keys; 3 attempts of ${simulator.config.messageTimeoutMs / 1000} s.</p>
${sendForm(simulator)}
<div class="scroll"><table data-testid="messages-table"><thead><tr><th>时间</th><th>帐号 Account</th><th>类型 Kind</th><th>内容 Content</th><th>次数</th><th>结果 Status</th><th>被动回复 Reply</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7" class="muted">暂无</td></tr>'}</tbody></table></div>
</section>`;
};

export const customMessagesSection = (simulator: TSimulator) => {
  const names = new Map(simulator.accounts().map((account) => [account.appid, account.nickName]));
  const rows = simulator
    .customMessages()
    .slice(-RECENT)
    .reverse()
    .map(
      (
        message,
      ) => `<tr data-testid="custom-message-row"><td>${escapeHtml(message.at)}</td><td>${escapeHtml(names.get(message.appid) ?? message.appid)}</td>
<td><code>${escapeHtml(message.touser)}</code></td><td>${escapeHtml(message.msgtype)}</td><td class="detail">${escapeHtml(message.content.slice(0, 200))}</td>
<td><code>${escapeHtml(message.accessToken.slice(0, 10))}…</code></td></tr>`,
    )
    .join("\n");
  return `<section class="card" aria-labelledby="custom-messages"><h2 id="custom-messages">收到的客服消息 Customer-service messages received</h2>
<div class="scroll"><table data-testid="custom-messages-table"><thead><tr><th>时间</th><th>帐号 Account</th><th>touser</th><th>msgtype</th><th>内容 Content</th><th>access_token</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6" class="muted">暂无</td></tr>'}</tbody></table></div></section>`;
};
