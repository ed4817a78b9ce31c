import { actorLabel } from "@/lib/auth/session";
import { withSession } from "@/lib/http/with-session";
import { getTrialQrcode } from "@/lib/platform/mini-programs/get-trial-qrcode";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const dynamic = "force-dynamic";

// GET /api/admin/authorizers/:appid/trial-qrcode?platform= - the Versions panel's trial QR code (signed-in users)
export const GET = withSession<{ appid: string }>({}, async ({ request, user, params }) => {
  const platform = await requestedPlatform(new URL(request.url).searchParams.get(PLATFORM_PARAM));
  const image = await getTrialQrcode({ ref: { platformKey: platformKeyOf(platform), appid: params.appid }, actor: actorLabel(user) });
  return new Response(new Uint8Array(image.bytes), {
    headers: { "content-type": image.contentType, "cache-control": "private, no-store" },
  });
});
