import { withApiKey } from "@/lib/http/with-api-key";
import { getComponentAccessToken } from "@/lib/platform/component/get-component-access-token";

export const dynamic = "force-dynamic";

// GET /api/v1/component/access-token - the component_access_token, refreshed first if needed
export const GET = withApiKey({ role: "operator", route: "/api/v1/component/access-token" }, async () => {
  const { accessToken, expiresAt } = await getComponentAccessToken();
  return { accessToken, expiresAt };
});
