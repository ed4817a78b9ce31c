import { NextResponse } from "next/server";
import { actorLabel } from "@/lib/auth/session";
import { withAdmin } from "@/lib/http/with-session";
import { refreshAuthorizerToken } from "@/lib/platform/authorizers/refresh-authorizer-token";

export const dynamic = "force-dynamic";

// POST /api/admin/authorizers/:appid/refresh - the dashboard's Force refresh (admins only; answers the new expiry, never the token)
export const POST = withAdmin<{ appid: string }>(async ({ user, params }) => {
  const { appid, expiresAt } = await refreshAuthorizerToken({ appid: params.appid, force: true, actor: actorLabel(user) });
  return NextResponse.json({ appid, expiresAt: expiresAt.toISOString() });
});
