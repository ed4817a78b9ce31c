import { withApiKey } from "@/lib/http/with-api-key";
import { getComponentStatus } from "@/lib/platform/component/get-component-status";

export const dynamic = "force-dynamic";

// GET /api/v1/component - ticket age and component token expiry (never the token)
export const GET = withApiKey({ role: "reader", route: "/api/v1/component" }, () => getComponentStatus());
