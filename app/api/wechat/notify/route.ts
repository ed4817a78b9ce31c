import { wechatPostOnly } from "@/lib/http/error-response";
import { answerComponentPush } from "@/lib/http/component-push-route";

export const dynamic = "force-dynamic";

// POST /api/wechat/notify - the default platform's authorization-event URL (tickets and authorization events)
export const POST = (request: Request) => answerComponentPush(request, async () => undefined);

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
