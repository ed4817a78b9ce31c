import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { listDeliveries } from "@/lib/platform/deliveries/list-deliveries";
import { DELIVERY_STATUSES } from "@/lib/platform/forwarding/forwarding-vocabulary";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  appid: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// GET /api/v1/forwarding-rules/:id/deliveries?status=&appid=&before=&limit= - the rule's delivery log, newest first
export const GET = withApiKey({ role: "operator", route: "/api/v1/forwarding-rules/:id/deliveries", query: ZQuery }, ({ params, query }) =>
  listDeliveries({ ruleId: params.id, ...query }),
);
