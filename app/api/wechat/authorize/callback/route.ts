import { authorizationErrorResponse } from "@/components/authorize/authorization-error-response";
import { clientIp } from "@/lib/http/client-ip";
import { completeAuthorizationRedirect } from "@/lib/platform/authorization/complete-authorization-redirect";

export const dynamic = "force-dynamic";

// GET /api/wechat/authorize/callback?state=&auth_code=&expires_in= - WeChat's redirect after the merchant confirms
export const GET = async (request: Request) => {
  const query = new URL(request.url).searchParams;
  try {
    const { token } = await completeAuthorizationRedirect({
      state: query.get("state"),
      authCode: query.get("auth_code"),
      clientIp: clientIp(request),
    });
    return new Response(null, {
      status: 303,
      headers: { location: `/authorize/done/${encodeURIComponent(token)}`, "cache-control": "no-store" },
    });
  } catch (error) {
    return authorizationErrorResponse(error);
  }
};
