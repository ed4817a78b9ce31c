import { wechatPostOnly } from "@/lib/http/error-response";
import { answerAuthorizerMessage } from "@/lib/http/message-route";

export const dynamic = "force-dynamic";

// POST /api/wechat/messages/:appid - the default platform's message-and-event URL (console value https://<host>/api/wechat/messages/$APPID$)
export const POST = (request: Request, { params }: { params: Promise<{ appid: string }> }) =>
  answerAuthorizerMessage(request, () => params);

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
