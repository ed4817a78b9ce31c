import { withApiKey } from "@/lib/http/with-api-key";
import { serveAuthorizerAccessToken } from "@/lib/platform/authorizers/serve-authorizer-access-token";

export const dynamic = "force-dynamic";

// GET /api/v1/authorizers/:appid/access-token - { appid, accessToken, expiresAt }, refreshed first if needed (2-second in-process cache)
export const GET = withApiKey({ role: "operator", route: "/api/v1/authorizers/:appid/access-token" }, async ({ params }) => {
  const { appid, accessToken, expiresAt } = await serveAuthorizerAccessToken({ appid: params.appid });
  return { appid, accessToken, expiresAt };
});
