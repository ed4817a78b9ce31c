import { wechatPostOnly } from "@/lib/http/error-response";
import { answerComponentPush } from "@/lib/http/component-push-route";
import { platformForPush } from "@/lib/platform/platforms/platform-for-push";

export const dynamic = "force-dynamic";

// POST /api/wechat/:componentAppid/notify - a platform's authorization-event URL, opened with that platform's keys
export const POST = (request: Request, { params }: { params: Promise<{ componentAppid: string }> }) =>
  answerComponentPush(request, async () => platformForPush((await params).componentAppid));

export const GET = wechatPostOnly;
export const PUT = wechatPostOnly;
export const DELETE = wechatPostOnly;
export const PATCH = wechatPostOnly;
