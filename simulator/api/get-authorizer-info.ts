import type { TAccount } from "../accounts";
import { activeAuthorization, funcInfo } from "../authorizations";
import type { TSimulatorContext } from "../context";
import { wechatError } from "../errors";
import { componentAppidError, stringField, type TApiDefinition } from "./api-definition";

/** The §3.6 authorizer_info shape; images point back at this simulator so dashboards work offline. */
export const authorizerInfo = (context: TSimulatorContext, account: TAccount) => {
  const common = {
    nick_name: account.nickName,
    head_img: `${context.url}/__sim/avatar/${account.appid}.svg`,
    service_type_info: { id: account.serviceTypeId },
    verify_type_info: { id: account.verifyTypeId },
    user_name: account.userName,
    principal_name: account.principalName,
    alias: account.alias,
    business_info: account.businessInfo,
    qrcode_url: `${context.url}/__sim/qrcode/${account.appid}.svg`,
    account_status: account.accountStatus,
    idc: 1,
  };
  if (account.kind === "official_account") return common;
  return {
    ...common,
    signature: account.signature ?? "",
    MiniProgramInfo: {
      network: {
        RequestDomain: account.requestDomains ?? [],
        WsRequestDomain: [],
        UploadDomain: [],
        DownloadDomain: [],
        BizDomain: [],
      },
      categories: account.categories ?? [],
      visit_status: 0,
    },
    register_type: account.registerType ?? 0,
    basic_config: { is_phone_configured: true, is_email_configured: false },
  };
};

// POST /cgi-bin/component/api_get_authorizer_info - the account's profile and what it granted the calling platform
export const getAuthorizerInfo: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body, token }) => {
    const appidFailure = componentAppidError(context, body, token);
    if (appidFailure) return wechatError(appidFailure);
    const authorizerAppid = stringField(body, "authorizer_appid");
    if (!authorizerAppid) return wechatError(41002);
    const authorization = activeAuthorization(context, authorizerAppid, token?.componentAppid);
    const account = context.state.accounts.get(authorizerAppid);
    if (!authorization || !account) return wechatError(61003);
    return {
      authorizer_info: authorizerInfo(context, account),
      authorization_info: {
        authorizer_appid: authorizerAppid,
        authorizer_refresh_token: authorization.refreshToken,
        func_info: funcInfo(authorization.funcIds),
      },
    };
  },
};
