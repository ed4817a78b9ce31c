import { recordEvent } from "../activity/record-event";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";

/** One line in the event log for a version action taken through wxopen (never ext_json: it may hold merchant data). */
export const recordCodeEvent = (
  ref: TAuthorizerRef,
  action: string,
  message: string,
  actor: string,
  detail: Record<string, unknown> = {},
) =>
  recordEvent({
    kind: "miniprogram.version",
    platformKey: ref.platformKey,
    appid: ref.appid,
    message,
    actor,
    detail: { action, ...detail },
  });
