import { withApiKey } from "@/lib/http/with-api-key";
import { getAuthorizerAccessToken } from "@/lib/platform/get-authorizer-access-token";

export const dynamic = "force-dynamic";

// GET /api/v1/authorizers/:appid/access-token - { appid, accessToken, expiresAt }, refreshed first if needed
export const GET = withApiKey({ role: "operator", route: "/api/v1/authorizers/:appid/access-token" }, async ({ params }) => {
  const { appid, accessToken, expiresAt } = await getAuthorizerAccessToken({ appid: params.appid });
  return { appid, accessToken, expiresAt };
});
