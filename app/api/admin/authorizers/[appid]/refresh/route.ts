import { NextResponse } from "next/server";
import { actorLabel } from "@/lib/auth/session";
import { withAdmin } from "@/lib/http/with-session";
import { forceAuthorizerTokenRefresh } from "@/lib/platform/authorizers/force-authorizer-token-refresh";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const dynamic = "force-dynamic";

// POST /api/admin/authorizers/:appid/refresh?platform= - the dashboard's Force refresh (admins only; answers the new
// expiry, never the token)
export const POST = withAdmin<{ appid: string }>(async ({ request, user, params }) => {
  const platform = await requestedPlatform(new URL(request.url).searchParams.get(PLATFORM_PARAM));
  const { appid, expiresAt } = await forceAuthorizerTokenRefresh({
    platformKey: platformKeyOf(platform),
    appid: params.appid,
    actor: actorLabel(user),
  });
  return NextResponse.json({ appid, expiresAt: expiresAt.toISOString() });
});
