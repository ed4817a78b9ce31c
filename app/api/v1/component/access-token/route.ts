import { withApiKey } from "@/lib/http/with-api-key";
import { getComponentAccessToken } from "@/lib/platform/component/get-component-access-token";

export const dynamic = "force-dynamic";

// GET /api/v1/component/access-token - the component_access_token, refreshed first if needed (admin keys: with it and
// the platform's allowlisted IP, WeChat's component APIs answer every account's refresh token)
export const GET = withApiKey({ role: "admin", route: "/api/v1/component/access-token" }, async () => {
  const { accessToken, expiresAt } = await getComponentAccessToken();
  return { accessToken, expiresAt };
});
