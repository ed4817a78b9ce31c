import { withApiKey } from "@/lib/http/with-api-key";
import { rotateForwardingSecret } from "@/lib/platform/forwarding/rotate-forwarding-secret";

export const dynamic = "force-dynamic";

// POST /api/v1/forwarding-rules/:id/rotate-secret - a new signing secret, answered once
export const POST = withApiKey({ role: "admin", route: "/api/v1/forwarding-rules/:id/rotate-secret" }, ({ params, apiKey }) =>
  rotateForwardingSecret({ id: params.id, actor: `API key "${apiKey.name}"` }),
);
