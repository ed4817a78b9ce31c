import { z } from "zod";
import { toAuthorizerJson } from "@/lib/http/authorizer-json";
import { withApiKey } from "@/lib/http/with-api-key";
import { AUTHORIZER_KINDS } from "@/lib/platform/authorizers/authorizer-kind";
import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizers/authorizer-status";
import { AUTHORIZER_SORTS, listAuthorizers } from "@/lib/platform/directory/list-authorizers";

export const dynamic = "force-dynamic";

const ZListQuery = z.object({
  q: z.string().trim().max(100, "q must be at most 100 characters").optional(),
  status: z.enum(AUTHORIZER_STATUSES).optional(),
  kind: z.enum(AUTHORIZER_KINDS).optional(),
  scopeId: z.coerce.number().int().positive().optional(),
  sort: z.enum(AUTHORIZER_SORTS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(200, "limit must be at most 200")
    .default(50),
  locale: z.enum(["zh", "en"]).default("zh"),
});

// GET /api/v1/authorizers - one page of authorizers (q, status, kind, scopeId, sort, cursor, limit) and nextCursor / previousCursor
export const GET = withApiKey(
  { role: "reader", route: "/api/v1/authorizers", query: ZListQuery },
  async ({ query: { locale, ...query } }) => {
    const page = await listAuthorizers(query);
    return {
      items: page.items.map((item) => toAuthorizerJson(item, locale)),
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  },
);
