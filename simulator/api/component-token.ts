import { wechatError } from "../errors";
import { checkTicket } from "../tickets";
import { issueToken, COMPONENT_TOKEN_LIFETIME_SECONDS } from "../tokens";
import { platformWithSecret, stringField, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_component_token - a platform's token, in exchange for a ticket pushed to that platform
export const componentToken: TApiDefinition = {
  tokenKind: null,
  handle: ({ context, body }) => {
    const checked = platformWithSecret(context, body, "component_appsecret");
    if ("errcode" in checked) return wechatError(checked.errcode);
    const { platform } = checked;
    const ticketFailure = checkTicket(context, stringField(body, "component_verify_ticket"), platform.componentAppid);
    if (ticketFailure) return wechatError(ticketFailure);
    const record = issueToken(context, "component", undefined, platform.componentAppid);
    return { component_access_token: record.token, expires_in: COMPONENT_TOKEN_LIFETIME_SECONDS };
  },
};
