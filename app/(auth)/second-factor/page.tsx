import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SecondFactorSetup } from "@/components/auth/second-factor-setup";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireSignedIn } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";

export const metadata: Metadata = { title: "Set up a second factor" };
export const dynamic = "force-dynamic";

// /second-factor - where a user without a second factor is sent while an admin requires one; nothing else is open to them
export default async function SecondFactorSetupPage() {
  const [user, { locale, t }] = await Promise.all([requireSignedIn(), getLocale()]);
  if (!user.mustSetUpSecondFactor) redirect("/account");
  return (
    <AuthCard locale={locale} t={t} title={t.secondFactor.setupTitle} subtitle={t.secondFactor.setupSubtitle}>
      <SecondFactorSetup t={t} continueHref="/overview" />
      <div className="mt-5 flex items-center justify-between border-t border-slate-100 pt-3 text-xs text-slate-500">
        <span className="truncate">{user.email}</span>
        <SignOutButton label={t.nav.signOut} />
      </div>
    </AuthCard>
  );
}
