import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
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
    <AuthCard locale={locale} t={t} title={t.login.title} subtitle={t.login.subtitle}>
      {params.passwordSet && (
        <div className="mb-4">
          <Alert tone="success" role="status">
            {t.login.passwordSet}
          </Alert>
        </div>
      )}
      <LoginForm words={t.login} initialError={typeof params.error === "string" ? params.error : undefined} callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
