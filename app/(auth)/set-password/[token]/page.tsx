import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordForm } from "@/components/auth/password-form";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { findPasswordLink } from "@/lib/platform/users/set-password-with-link";
import { setPasswordAction } from "../../_actions/set-password";

export const metadata: Metadata = { title: "Set password", robots: { index: false } };

// /set-password/:token - an invited or reset user chooses their password through a one-time link
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ locale, t }, { token }] = await Promise.all([getLocale(), params]);
  const link = await findPasswordLink(token);
  return (
    <AuthCard
      locale={locale}
      t={t}
      title={t.password.setTitle}
      subtitle={link ? fill(t.password.setSubtitle, { email: link.email }) : undefined}
    >
      {link ? (
        <PasswordForm action={setPasswordAction} hidden={{ token }} minLength={PASSWORD_MIN_LENGTH} words={t.password} />
      ) : (
        <div className="mt-4">
          <Alert tone="danger" role="alert">
            {t.password.linkInvalid}
          </Alert>
        </div>
      )}
    </AuthCard>
  );
}
