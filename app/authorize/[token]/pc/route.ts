import { authorizationErrorResponse } from "@/components/authorize/authorization-error-response";
import { clientIp } from "@/lib/http/client-ip";
import { startAuthorization } from "@/lib/platform/authorization/start-authorization";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ token: string }> };

// POST /authorize/:token/pc - a fresh pre_auth_code, then 303 to WeChat's PC page (the invitation page stays the Referer WeChat checks)
export const POST = async (request: Request, { params }: TContext) => {
  try {
    const { url } = await startAuthorization({ token: (await params).token, channel: "pc", clientIp: clientIp(request) });
    return new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });
  } catch (error) {
    return authorizationErrorResponse(error);
  }
};

// GET /authorize/:token/pc - opened directly: WeChat needs the invitation page as Referer, so go back there
export const GET = async (_request: Request, { params }: TContext) =>
  new Response(null, { status: 303, headers: { location: `/authorize/${encodeURIComponent((await params).token)}` } });
