import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { Logo } from "../shell/app-shell";
import { LocaleSwitch } from "../shell/locale-switch";

/** The signed-out pages' frame (sign in, set a password): logo, language switch, one card with a title. */
export function AuthCard({
  locale,
  t,
  title,
  subtitle,
  children,
}: {
  locale: TLocale;
  t: TDictionary;
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <Logo />
          <LocaleSwitch locale={locale} label={t.nav.language} />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
          {subtitle && <p className="mb-5 mt-1 text-sm text-slate-500">{subtitle}</p>}
          {children}
        </div>
        <p className="mt-4 text-center text-xs text-slate-400">{t.app.tagline}</p>
      </div>
    </main>
  );
}
