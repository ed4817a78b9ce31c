import { wechatError } from "../errors";
import { checkTicket } from "../tickets";
import { issueToken, COMPONENT_TOKEN_LIFETIME_SECONDS } from "../tokens";
import { componentAppidError, secretError, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_component_token - the platform token, in exchange for a pushed ticket
export const componentToken: TApiDefinition = {
  tokenKind: null,
  handle: ({ context, body }) => {
    const failure =
      componentAppidError(context, body) ??
      secretError(context, stringField(body, "component_appsecret")) ??
      (checkTicket(context, stringField(body, "component_verify_ticket")) || undefined);
    if (failure) return wechatError(failure);
    const record = issueToken(context, "component");
    return { component_access_token: record.token, expires_in: COMPONENT_TOKEN_LIFETIME_SECONDS };
  },
};
