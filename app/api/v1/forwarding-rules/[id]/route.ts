import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { deleteForwardingRule } from "@/lib/platform/forwarding/delete-forwarding-rule";
import { getForwardingRule } from "@/lib/platform/forwarding/list-forwarding-rules";
import { updateForwardingRule } from "@/lib/platform/forwarding/update-forwarding-rule";

export const dynamic = "force-dynamic";

const ROUTE = "/api/v1/forwarding-rules/:id";

// GET /api/v1/forwarding-rules/:id
export const GET = withApiKey({ role: "operator", route: ROUTE }, ({ params }) => getForwardingRule({ id: params.id }));

// PATCH /api/v1/forwarding-rules/:id - any of { name, url, types, appids, mode, format, enabled }
export const PATCH = withApiKey({ role: "admin", route: ROUTE, body: z.record(z.string(), z.unknown()) }, ({ params, body, apiKey }) =>
  updateForwardingRule({ id: params.id, changes: body, actor: `API key "${apiKey.name}"` }),
);

// DELETE /api/v1/forwarding-rules/:id - the rule and its deliveries
export const DELETE = withApiKey({ role: "admin", route: ROUTE }, ({ params, apiKey }) =>
  deleteForwardingRule({ id: params.id, actor: `API key "${apiKey.name}"` }),
);
