import { after } from "next/server";
import { log } from "../log";
import type { TPlatform } from "../platform/platforms/platform-registry";
import { receiveAuthorizerMessage } from "../platform/messages/receive-authorizer-message";
import { textErrorResponse } from "./error-response";
import { readBodyText } from "./read-body";

const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The message-and-event URL's answer, for the default platform (/api/wechat/messages/{appid}) or one the URL names
 * (/api/wechat/{componentAppid}/messages/{appid}): the stored answer, its follow-up after WeChat has it.
 */
export const answerAuthorizerMessage = async (request: Request, target: () => Promise<{ appid: string; platform?: TPlatform }>) => {
  try {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { appid, platform } = await target();
    const answer = await receiveAuthorizerMessage({ appid, platform, query, body: await readBodyText(request, MAX_MESSAGE_BYTES) });
    if (answer.isRetry) log.info("message.retry_answered", { appid, replyKind: answer.replyKind });
    const { followUp } = answer;
    if (followUp) after(() => followUp().catch((error) => log.warn("message.follow_up_failed", { appid, error })));
    return new Response(answer.body, { headers: { "content-type": answer.replyKind === "text" ? "application/xml" : "text/plain" } });
  } catch (error) {
    log.warn("message.rejected", { error });
    return textErrorResponse(error);
  }
};
