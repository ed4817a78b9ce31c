import { withApiKey } from "@/lib/http/with-api-key";
import { forceAuthorizerTokenRefresh } from "@/lib/platform/authorizers/force-authorizer-token-refresh";

export const dynamic = "force-dynamic";

// POST /api/v1/authorizers/:appid/refresh - force a token refresh (admin keys); answers the new expiry, not the token
export const POST = withApiKey({ role: "admin", route: "/api/v1/authorizers/:appid/refresh" }, ({ params, apiKey }) =>
  forceAuthorizerTokenRefresh({ appid: params.appid, actor: `api-key:${apiKey.name}` }),
);
