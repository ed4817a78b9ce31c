import { withApiKey } from "@/lib/http/with-api-key";
import { rawPathAfter } from "@/lib/platform/proxy/parse-proxy-path";
import { proxyWechatCall } from "@/lib/platform/proxy/proxy-wechat-call";

export const dynamic = "force-dynamic";

// ANY /api/v1/component/wechat/<WeChat path> - a WeChat API with the component token added (admin keys):
// component_access_token under cgi-bin/component/, access_token elsewhere (wxa/gettemplatelist ...).
const proxy = withApiKey({ role: "admin", route: "/api/v1/component/wechat/*" }, ({ request, apiKey }) =>
  proxyWechatCall({
    target: { kind: "component" },
    request,
    rawPath: rawPathAfter(request.url, "/component/wechat/"),
    actor: `api-key:${apiKey.name}`,
  }),
);

export { proxy as GET, proxy as POST, proxy as PUT, proxy as PATCH, proxy as DELETE };
