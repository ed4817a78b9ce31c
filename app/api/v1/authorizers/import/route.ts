import { withApiKey } from "@/lib/http/with-api-key";
import { importAuthorizers } from "@/lib/platform/authorization/import-authorizers";

export const dynamic = "force-dynamic";

// POST /api/v1/authorizers/import - import every authorizer from api_get_authorizer_list (admin keys)
export const POST = withApiKey({ role: "admin", route: "/api/v1/authorizers/import" }, ({ apiKey }) =>
  importAuthorizers({ actor: `api-key:${apiKey.name}` }),
);
