import { withApiKey } from "@/lib/http/with-api-key";
import { refreshAuthorizerToken } from "@/lib/platform/refresh-authorizer-token";

export const dynamic = "force-dynamic";

// POST /api/v1/authorizers/:appid/refresh - force a token refresh (admin keys); answers the new expiry, not the token
export const POST = withApiKey({ role: "admin", route: "/api/v1/authorizers/:appid/refresh" }, async ({ params, apiKey }) => {
  const { appid, expiresAt } = await refreshAuthorizerToken({ appid: params.appid, force: true, actor: `api-key:${apiKey.name}` });
  return { appid, expiresAt, refreshed: true };
});
