import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { getAuthorizerProfile } from "@/lib/platform/authorizers/get-authorizer-profile";

export const dynamic = "force-dynamic";

const ZProfileQuery = z.object({ locale: z.enum(["zh", "en"]).default("zh") });

// GET /api/v1/authorizers/:appid - profile, status, scopes [{ id, name }] and token expiry
export const GET = withApiKey({ role: "reader", route: "/api/v1/authorizers/:appid", query: ZProfileQuery }, ({ params, query }) =>
  getAuthorizerProfile({ appid: params.appid, locale: query.locale }),
);
