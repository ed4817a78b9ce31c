import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";

export const dynamic = "force-dynamic";

// Every dashboard page: signed-in users only (checked against the database on each request).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [user, { locale, t }] = await Promise.all([requireUser(), getLocale()]);
  return (
    <AppShell user={user} locale={locale} t={t}>
      {children}
    </AppShell>
  );
}
