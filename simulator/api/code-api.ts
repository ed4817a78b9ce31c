import type { TAccount } from "../accounts";
import { activeAuthorization } from "../authorizations";
import { wechatError } from "../errors";
import type { TMiniProgramSlots } from "../mini-program/code-types";
import { ensureSlots } from "../mini-program/slots";
import type { TApiAnswer, TApiDefinition, TApiInput } from "./api-definition";

// The code-management APIs (§11.2-11.5) share their gate: an authorizer token of a mini program whose authorization
// of the token's platform includes 开发管理 (permission set 18), else 61007, and a POST body of at least `{}` (44002).

export type TCodeApiInput = TApiInput & {
  account: TAccount;
  /** The mini program's slots for the token's platform, made on first use. */
  slots: TMiniProgramSlots;
};

type TCodeApiSpec = {
  methods?: readonly ("GET" | "POST")[];
  /** The permission sets that open the API; any one will do (get_qrcode takes 18 or 86). */
  funcIds?: readonly number[];
  handle: (input: TCodeApiInput) => TApiAnswer | Promise<TApiAnswer>;
};

export const DEVELOPMENT_FUNC_ID = 18;

export const codeApi = ({ methods = ["POST"], funcIds = [DEVELOPMENT_FUNC_ID], handle }: TCodeApiSpec): TApiDefinition => ({
  tokenKind: "authorizer",
  methods,
  handle: (input) => {
    const { context, token } = input;
    const appid = token?.authorizerAppid ?? "";
    const account = context.state.accounts.get(appid);
    const authorization = activeAuthorization(context, appid, token?.componentAppid);
    // An Official Account has no code to manage; a mini program that did not grant set 18 to this platform keeps it from it.
    if (account?.kind !== "mini_program" || !authorization?.funcIds.some((id) => funcIds.includes(id))) return wechatError(61007);
    // POSTs without parameters still need the literal body {} (§11.0).
    if (!methods.includes("GET") && input.isEmptyBody) return wechatError(44002);
    return handle({ ...input, account, slots: ensureSlots(context, account, token?.componentAppid) });
  },
});
