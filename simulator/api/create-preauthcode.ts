import { wechatError } from "../errors";
import { newPreAuthCode } from "../random";
import { componentAppidError, type TApiDefinition } from "./api-definition";

// POST /cgi-bin/component/api_create_preauthcode - a code for one visit to the calling platform's authorization page
export const createPreAuthCode: TApiDefinition = {
  tokenKind: "component",
  handle: ({ context, body, token }) => {
    const failure = componentAppidError(context, body, token);
    if (failure) return wechatError(failure);
    const code = newPreAuthCode();
    const seconds = context.config.preAuthCodeSeconds;
    const expiresAtMs = context.clock.nowMs() + seconds * 1000;
    context.state.preAuthCodes.set(code, { code, componentAppid: token?.componentAppid, expiresAtMs });
    return { pre_auth_code: code, expires_in: seconds };
  },
};
