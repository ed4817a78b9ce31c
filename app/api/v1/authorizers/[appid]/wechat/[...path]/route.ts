import { withApiKey } from "@/lib/http/with-api-key";
import { AppError } from "@/lib/errors";
import { rawPathAfter } from "@/lib/platform/proxy/parse-proxy-path";
import { proxyWechatCall } from "@/lib/platform/proxy/proxy-wechat-call";
import { isAppid } from "@/lib/wechat/appid";

export const dynamic = "force-dynamic";

// ANY /api/v1/authorizers/:appid/wechat/<WeChat path> - the WeChat API for this account, with its token added
// (operator keys). WeChat's answer comes back untouched; see the README's "API proxy" section.
const proxy = withApiKey({ role: "operator", route: "/api/v1/authorizers/:appid/wechat/*" }, async ({ request, params, apiKey }) => {
  if (!isAppid(params.appid))
    throw new AppError("bad_request", `"${params.appid.slice(0, 40)}" is not an appid (wx and 16 letters or digits)`);
  return proxyWechatCall({
    target: { kind: "authorizer", appid: params.appid },
    request,
    rawPath: rawPathAfter(request.url, "/wechat/"),
    actor: `api-key:${apiKey.name}`,
  });
});

export { proxy as GET, proxy as POST, proxy as PUT, proxy as PATCH, proxy as DELETE };
