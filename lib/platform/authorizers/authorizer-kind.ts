// The two kinds of account a merchant authorizes (from MiniProgramInfo in api_get_authorizer_info).
export const AUTHORIZER_KINDS = ["official_account", "mini_program"] as const;

export type TAuthorizerKind = (typeof AUTHORIZER_KINDS)[number];
