import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { createAuthorizationLink } from "@/lib/platform/authorization/create-authorization-link";

export const dynamic = "force-dynamic";

const ZLinkBody = z.object({
  authType: z
    .number({ message: "authType is required: 1 official accounts, 2 mini programs, 3 both, 4–6 see the docs" })
    .int()
    .min(1)
    .max(6),
  bizAppid: z.string().optional(),
  categoryIds: z.array(z.number().int().positive()).max(100).optional(),
});

// POST /api/v1/authorization-links - an invitation link for a merchant: { inviteUrl, expiresAt }
export const POST = withApiKey({ role: "operator", route: "/api/v1/authorization-links", body: ZLinkBody }, async ({ body, apiKey }) => {
  const { id, inviteUrl, expiresAt } = await createAuthorizationLink({ ...body, createdBy: { label: `API key "${apiKey.name}"` } });
  return { id, inviteUrl, expiresAt };
});
