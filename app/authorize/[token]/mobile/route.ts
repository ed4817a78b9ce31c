import { authorizationErrorResponse } from "@/components/authorize/authorization-error-response";
import { clientIp } from "@/lib/http/client-ip";
import { startAuthorization } from "@/lib/platform/authorization/start-authorization";

export const dynamic = "force-dynamic";

// GET /authorize/:token/mobile - what the QR code opens in WeChat: a fresh pre_auth_code, then 302 to the bindcomponent link
export const GET = async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
  try {
    const { url } = await startAuthorization({ token: (await params).token, channel: "mobile", clientIp: clientIp(request) });
    return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
  } catch (error) {
    return authorizationErrorResponse(error);
  }
};
