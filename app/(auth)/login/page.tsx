import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { Logo } from "@/components/shell/app-shell";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "@/lib/http/safe-callback-path";
import { getLocale } from "@/lib/i18n/get-locale";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ locale, t }, user, params] = await Promise.all([getLocale(), getSessionUser(), searchParams]);
  const callbackUrl = safeCallbackPath(params.callbackUrl, getEnv().APP_URL);
  if (user) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <Logo />
          <LocaleSwitch locale={locale} label={t.nav.language} />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold text-slate-900">{t.login.title}</h1>
          <p className="mb-5 mt-1 text-sm text-slate-500">{t.login.subtitle}</p>
          {params.passwordSet && (
            <div className="mb-4">
              <Alert tone="success" role="status">
                {t.login.passwordSet}
              </Alert>
            </div>
          )}
          <LoginForm words={t.login} initialError={typeof params.error === "string" ? params.error : undefined} callbackUrl={callbackUrl} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-400">{t.app.tagline}</p>
      </div>
    </main>
  );
}
