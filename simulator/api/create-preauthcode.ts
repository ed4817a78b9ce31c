import { wechatError } from "../errors";
import { newPreAuthCode } from "../random";
import { componentAppidError, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_create_preauthcode - a code for one visit to the authorization page
export const createPreAuthCode: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body }) => {
    const failure = componentAppidError(context, body);
    if (failure) return wechatError(failure);
    const code = newPreAuthCode();
    const seconds = context.config.preAuthCodeSeconds;
    context.state.preAuthCodes.set(code, { code, expiresAtMs: context.clock.nowMs() + seconds * 1000 });
    return { pre_auth_code: code, expires_in: seconds };
  },
};
