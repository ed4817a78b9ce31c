import type { IncomingMessage, ServerResponse } from "node:http";
import { KIND_LABELS } from "../accounts";
import type { TSimulatorContext } from "../context";
import { sendHtml } from "../http-utils";
import { scopeName } from "../scopes";
import {
  checkAuthorizationRequest,
  checkBrowser,
  readAuthorizationRequest,
  type TAuthorizationRequest,
  type TChannel,
  type TEligibleAccount,
} from "./authorization-checks";
import { renderErrorPage } from "./error-page";
import { escapeHtml, layout } from "./html";

export const CONFIRM_PATH = "/cgi-bin/componentloginpage/confirm";

const hiddenFields = (request: TAuthorizationRequest) =>
  Object.entries({
    channel: request.channel,
    component_appid: request.componentAppid,
    pre_auth_code: request.preAuthCode,
    redirect_uri: request.redirectUri,
    auth_type: request.authType,
    biz_appid: request.bizAppid,
    category_id_list: request.categoryIdList,
  })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("\n");

const renderAccount = (request: TAuthorizationRequest, { account, scopes, isAuthorized }: TEligibleAccount) => {
  const headingId = `account-${account.appid}`;
  const checkboxes = scopes
    .map(
      (id) =>
        `<label><input type="checkbox" name="func_id" value="${id}" checked> <span>${escapeHtml(scopeName(id))}</span> <small aria-hidden="true">#${id}</small></label>`,
    )
    .join("\n");
  return `<section class="card account" aria-labelledby="${headingId}" data-appid="${escapeHtml(account.appid)}">
<div class="account-head">
<img src="/__sim/avatar/${escapeHtml(account.appid)}.svg" alt="">
<div>
<h2 id="${headingId}">${escapeHtml(account.nickName)}</h2>
<div><span class="badge${account.kind === "mini_program" ? " mini" : ""}">${KIND_LABELS[account.kind]}</span>${isAuthorized ? '<span class="badge done">已授权，确认将更新授权</span>' : ""}</div>
<div class="muted">${escapeHtml(account.principalName)} · ${escapeHtml(account.appid)}</div>
</div>
</div>
<form method="post" action="${CONFIRM_PATH}">
${hiddenFields(request)}
<input type="hidden" name="authorizer_appid" value="${escapeHtml(account.appid)}">
<fieldset><legend>授予的权限集（可取消勾选）</legend><div class="scopes">
${checkboxes}
</div></fieldset>
<button type="submit">授权 ${escapeHtml(account.nickName)}</button>
</form>
</section>`;
};

export const renderAuthorizationPage = (request: TAuthorizationRequest, accounts: TEligibleAccount[]) => {
  const empty = `<section class="card" data-sim-empty="accounts"><p>没有可授权的帐号</p><p class="muted" lang="en">No simulated account fits auth_type / biz_appid / category_id_list.</p></section>`;
  return layout(
    "授权给第三方平台",
    `<main data-sim-page="authorize" data-channel="${request.channel}">
<section class="card">
<h1>授权给第三方平台</h1>
<p>第三方平台 <code>${escapeHtml(request.componentAppid)}</code> 申请获得以下帐号的权限。选择帐号并确认授权。</p>
<p class="muted" lang="en">Simulated page: the real one shows a QR code for the account admin to scan${request.channel === "mobile" ? " (mobile: opened inside WeChat)" : ""}. Pick an account, untick any set you do not want to grant, then confirm.</p>
</section>
${accounts.length === 0 ? empty : accounts.map((account) => renderAccount(request, account)).join("\n")}
</main>`,
  );
};

// GET /cgi-bin/componentloginpage (PC) and /wxaopen/safe/bindcomponent (mobile) - the authorization page
export const handleAuthorizationPage = (
  context: TSimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  channel: TChannel,
) => {
  const authorizationRequest = readAuthorizationRequest(url.searchParams, channel);
  const browserError = checkBrowser(context, authorizationRequest, request.headers);
  if (browserError) return sendHtml(response, 200, renderErrorPage(browserError));
  const result = checkAuthorizationRequest(context, authorizationRequest);
  if (!result.ok) return sendHtml(response, 200, renderErrorPage(result.error));
  sendHtml(response, 200, renderAuthorizationPage(authorizationRequest, result.accounts));
};
