import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthorizationComplete } from "@/components/authorize/authorization-complete";
import { AuthorizeShell } from "@/components/authorize/authorize-shell";
import { getAuthorizationOutcome } from "@/lib/platform/authorization/get-authorization-outcome";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "授权成功 Authorization complete", robots: { index: false, follow: false } };

// GET /authorize/done/:token - the success page the callback sends the merchant to
export default async function AuthorizationCompletePage({ params }: { params: Promise<{ token: string }> }) {
  const outcome = await getAuthorizationOutcome({ token: (await params).token });
  if (!outcome) notFound();
  return (
    <AuthorizeShell>
      <AuthorizationComplete outcome={outcome} />
    </AuthorizeShell>
  );
}
