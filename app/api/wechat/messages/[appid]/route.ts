import { after } from "next/server";
import { textErrorResponse, wechatPostOnly } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { receiveAuthorizerMessage } from "@/lib/platform/messages/receive-authorizer-message";

export const dynamic = "force-dynamic";

const MAX_MESSAGE_BYTES = 64 * 1024;

// POST /api/wechat/messages/:appid - the message-and-event URL (console value https://<host>/api/wechat/messages/$APPID$)
export const POST = async (request: Request, { params }: { params: Promise<{ appid: string }> }) => {
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { appid } = await params;
    const answer = await receiveAuthorizerMessage({ appid, query, body: await readBodyText(request, MAX_MESSAGE_BYTES) });
    if (answer.isRetry) log.info("message.retry_answered", { appid, replyKind: answer.replyKind });
    const { followUp } = answer;
    if (followUp) after(() => followUp().catch((error) => log.warn("message.follow_up_failed", { appid, error })));
    return new Response(answer.body, { headers: { "content-type": answer.replyKind === "text" ? "application/xml" : "text/plain" } });
  } catch (error) {
    log.warn("message.rejected", { error });
    return textErrorResponse(error);
  }
};

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
