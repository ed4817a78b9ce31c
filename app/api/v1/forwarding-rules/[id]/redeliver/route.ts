import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { redeliverDeliveries } from "@/lib/platform/deliveries/redeliver-deliveries";

export const dynamic = "force-dynamic";

const ZBody = z.object({ deliveryId: z.number().int().positive().optional() });

// POST /api/v1/forwarding-rules/:id/redeliver - { deliveryId? }: one dead delivery, or all of the rule's dead ones
export const POST = withApiKey(
  { role: "admin", route: "/api/v1/forwarding-rules/:id/redeliver", body: ZBody },
  ({ params, body, apiKey }) => redeliverDeliveries({ ruleId: params.id, deliveryId: body.deliveryId, actor: `API key "${apiKey.name}"` }),
);
