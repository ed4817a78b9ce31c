import { wechatPostOnly } from "@/lib/http/error-response";
import { answerAuthorizerMessage } from "@/lib/http/message-route";
import { platformForPush } from "@/lib/platform/platforms/platform-for-push";

export const dynamic = "force-dynamic";

// POST /api/wechat/:componentAppid/messages/:appid - a platform's message-and-event URL, opened with that platform's keys
export const POST = (request: Request, { params }: { params: Promise<{ componentAppid: string; appid: string }> }) =>
  answerAuthorizerMessage(request, async () => {
    const { componentAppid, appid } = await params;
    return { appid, platform: await platformForPush(componentAppid) };
  });

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
