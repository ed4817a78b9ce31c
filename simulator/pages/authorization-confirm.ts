import type { IncomingMessage, ServerResponse } from "node:http";
import { authorizeAccount } from "../authorizations";
import type { TSimulatorContext } from "../context";
import { readBody, redirect, sendHtml } from "../http-utils";
import { checkAuthorizationRequest, readAuthorizationRequest } from "./authorization-checks";
import { renderErrorPage } from "./error-page";

/** Adds auth_code and expires_in while keeping redirect_uri's own query (its state) and fragment untouched. */
export const appendAuthCode = (redirectUri: string, authCode: string, expiresIn: number) => {
  const hashIndex = redirectUri.indexOf("#");
  const base = hashIndex === -1 ? redirectUri : redirectUri.slice(0, hashIndex);
  const fragment = hashIndex === -1 ? "" : redirectUri.slice(hashIndex);
  const separator = base.includes("?") ? "&" : "?";
  return `${base}${separator}auth_code=${encodeURIComponent(authCode)}&expires_in=${expiresIn}${fragment}`;
};

// POST /cgi-bin/componentloginpage/confirm - the admin confirmed: authorize the page's platform, push to it, redirect with auth_code
export const handleAuthorizationConfirm = async (context: TSimulatorContext, request: IncomingMessage, response: ServerResponse) => {
  const form = new URLSearchParams(await readBody(request));
  const authorizationRequest = readAuthorizationRequest(form, form.get("channel") === "mobile" ? "mobile" : "pc");
  // The page was checked on GET; checking again catches a code used in another tab meanwhile.
  const result = checkAuthorizationRequest(context, authorizationRequest);
  if (!result.ok) return sendHtml(response, 200, renderErrorPage(result.error));
  const eligible = result.accounts.find((item) => item.account.appid === form.get("authorizer_appid"));
  if (!eligible) {
    return sendHtml(
      response,
      200,
      renderErrorPage({
        marker: "account",
        chinese: "该帐号不能在此页面授权",
        english: "That account is not offered on this authorization page.",
      }),
    );
  }
  const chosen = form
    .getAll("func_id")
    .map(Number)
    .filter((id) => eligible.scopes.includes(id));
  if (chosen.length === 0) {
    return sendHtml(
      response,
      200,
      renderErrorPage({
        marker: "no-scopes",
        chinese: "请至少选择一个权限集",
        english: "Select at least one permission set. Go back and try again.",
      }),
    );
  }
  const preAuth = context.state.preAuthCodes.get(authorizationRequest.preAuthCode);
  if (preAuth) preAuth.usedAtMs = context.clock.nowMs();
  const authorized = authorizeAccount(context, {
    appid: eligible.account.appid,
    componentAppid: authorizationRequest.componentAppid,
    funcIds: chosen,
    preAuthCode: authorizationRequest.preAuthCode,
  });
  // The redirect must not wait on the platform's event URL, as in WeChat; failures show in deliveries().
  authorized.delivery?.catch(() => {});
  redirect(response, 302, appendAuthCode(authorizationRequest.redirectUri, authorized.authCode, authorized.expiresIn));
};
