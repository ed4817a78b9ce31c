import { after } from "next/server";
import { textErrorResponse, wechatPostOnly } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { receiveComponentPush } from "@/lib/platform/pushes/receive-component-push";
import { countPush } from "@/lib/metrics";

export const dynamic = "force-dynamic";

const MAX_PUSH_BYTES = 64 * 1024;

// POST /api/wechat/notify - the authorization-event URL WeChat pushes tickets and authorization events to
export const POST = async (request: Request) => {
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { infoType, isReplay, followUp } = await receiveComponentPush({ query, body: await readBodyText(request, MAX_PUSH_BYTES) });
    countPush(infoType, isReplay ? "replayed" : "accepted");
    if (isReplay) log.info("push.replay_ignored", { infoType });
    if (followUp) after(() => followUp().catch((error) => log.warn("push.follow_up_failed", { infoType, error })));
    return new Response("success", { headers: { "content-type": "text/plain" } });
  } catch (error) {
    countPush("unknown", "rejected");
    log.warn("push.rejected", { error });
    return textErrorResponse(error);
  }
};

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
