import { withApiKey } from "@/lib/http/with-api-key";
import { sendTestDelivery } from "@/lib/platform/deliveries/send-test-delivery";

export const dynamic = "force-dynamic";

// POST /api/v1/forwarding-rules/:id/test - a wxopen.test delivery; answers it after its first attempt (at most 12 s)
export const POST = withApiKey({ role: "admin", route: "/api/v1/forwarding-rules/:id/test" }, ({ params, apiKey }) =>
  sendTestDelivery({ ruleId: params.id, actor: `API key "${apiKey.name}"` }),
);
