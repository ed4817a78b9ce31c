import { after } from "next/server";
import { countPush } from "../metrics";
import { log } from "../log";
import { getEnv } from "../env";
import type { TPlatform } from "../platform/platforms/platform-registry";
import { receiveComponentPush } from "../platform/pushes/receive-component-push";
import { textErrorResponse } from "./error-response";
import { readBodyText } from "./read-body";

const MAX_PUSH_BYTES = 64 * 1024;

/**
 * The authorization-event URL's answer, for the default platform (/api/wechat/notify) or one the URL names
 * (/api/wechat/{componentAppid}/notify): "success" once the push is stored, the follow-up after the answer.
 */
export const answerComponentPush = async (request: Request, platform: () => Promise<TPlatform | undefined>) => {
  let componentAppid = "";
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const named = await platform();
    componentAppid = named?.componentAppid ?? getEnv().WECHAT_COMPONENT_APPID;
    const { infoType, isReplay, followUp } = await receiveComponentPush({
      query,
      body: await readBodyText(request, MAX_PUSH_BYTES),
      platform: named,
    });
    countPush(infoType, isReplay ? "replayed" : "accepted", componentAppid);
    if (isReplay) log.info("push.replay_ignored", { infoType });
    if (followUp) after(() => followUp().catch((error) => log.warn("push.follow_up_failed", { infoType, error })));
    return new Response("success", { headers: { "content-type": "text/plain" } });
  } catch (error) {
    countPush("unknown", "rejected", componentAppid);
    log.warn("push.rejected", { error });
    return textErrorResponse(error);
  }
};
