import type { Metadata } from "next";
import { PasswordForm } from "@/components/auth/password-form";
import { Logo } from "@/components/shell/app-shell";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { Alert } from "@/components/ui/alert";
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
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <Logo />
          <LocaleSwitch locale={locale} label={t.nav.language} />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold text-slate-900">{t.password.setTitle}</h1>
          {link ? (
            <>
              <p className="mb-5 mt-1 text-sm text-slate-500">{fill(t.password.setSubtitle, { email: link.email })}</p>
              <PasswordForm action={setPasswordAction} hidden={{ token }} words={t.password} />
            </>
          ) : (
            <div className="mt-4">
              <Alert tone="danger" role="alert">
                {t.password.linkInvalid}
              </Alert>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
