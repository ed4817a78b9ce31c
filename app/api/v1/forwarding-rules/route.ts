import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { createForwardingRule } from "@/lib/platform/forwarding/create-forwarding-rule";
import { listForwardingRules } from "@/lib/platform/forwarding/list-forwarding-rules";

export const dynamic = "force-dynamic";

// GET /api/v1/forwarding-rules - every rule (never a secret)
export const GET = withApiKey({ role: "operator", route: "/api/v1/forwarding-rules" }, async () => ({
  items: await listForwardingRules(),
}));

// POST /api/v1/forwarding-rules - { name, url, types, appids?, mode?, format?, enabled? } -> 201 { id, secret, … } (the secret only now)
export const POST = withApiKey(
  { role: "admin", route: "/api/v1/forwarding-rules", body: z.record(z.string(), z.unknown()) },
  async ({ body, apiKey }) =>
    NextResponse.json(await createForwardingRule({ input: body, actor: `API key "${apiKey.name}"` }), { status: 201 }),
);
