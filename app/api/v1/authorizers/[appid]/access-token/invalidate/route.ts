import { z } from "zod";
import { withApiKey } from "@/lib/http/with-api-key";
import { invalidateAuthorizerToken } from "@/lib/platform/authorizers/invalidate-authorizer-token";

export const dynamic = "force-dynamic";

const ZInvalidateBody = z.object({
  accessToken: z
    .string({ message: "accessToken is required: the token WeChat rejected" })
    .min(1, "accessToken must not be empty")
    .max(1000),
});

// POST /api/v1/authorizers/:appid/access-token/invalidate - report a rejected token; answers the current one
export const POST = withApiKey(
  { role: "operator", route: "/api/v1/authorizers/:appid/access-token/invalidate", body: ZInvalidateBody },
  ({ params, body, apiKey }) =>
    invalidateAuthorizerToken({ appid: params.appid, accessToken: body.accessToken, actor: `api-key:${apiKey.name}` }),
);
