import { isMiniProgram, type TAuthorizerProfile } from "../../wechat/client";

/** The authorizer columns api_get_authorizer_info fills (kind: a mini program's profile carries MiniProgramInfo). */
export const authorizerProfileColumns = (profile: TAuthorizerProfile) => ({
  kind: isMiniProgram(profile) ? "mini_program" : "official_account",
  nickName: profile.nick_name,
  headImg: profile.head_img,
  userName: profile.user_name,
  principalName: profile.principal_name,
  alias: profile.alias,
  serviceType: profile.service_type_info?.id ?? null,
  verifyType: profile.verify_type_info?.id ?? null,
  qrcodeUrl: profile.qrcode_url,
  accountStatus: profile.account_status ?? null,
});
