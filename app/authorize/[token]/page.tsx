import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InvitationView } from "@/components/authorize/invitation-view";
import { getAuthorizationInvitation } from "@/lib/platform/authorization/get-authorization-invitation";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "授权邀请 Authorization request", robots: { index: false, follow: false } };

// GET /authorize/:token - the public page a merchant opens to authorize (no login)
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const result = await getAuthorizationInvitation({ token: (await params).token });
  if (!result.isOpen) notFound();
  return <InvitationView invitation={result.invitation} />;
}
