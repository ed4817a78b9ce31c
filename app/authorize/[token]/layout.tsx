import type { ReactNode } from "react";
import { AuthorizeShell } from "@/components/authorize/authorize-shell";
import { InvitationUnavailable } from "@/components/authorize/invitation-unavailable";
import { getAuthorizationInvitation } from "@/lib/platform/authorization/get-authorization-invitation";

// The page answers 404 (notFound) for an unusable invitation; this layout, which knows the token, says why.
export default async function InvitationLayout({ children, params }: { children: ReactNode; params: Promise<{ token: string }> }) {
  const result = await getAuthorizationInvitation({ token: (await params).token });
  return (
    <AuthorizeShell>
      {result.isOpen ? null : (
        <InvitationUnavailable error={{ code: result.error.code, message: result.error.message, details: result.error.details }} />
      )}
      {children}
    </AuthorizeShell>
  );
}
