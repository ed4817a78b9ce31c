import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";
import { listPlatforms } from "@/lib/platform/platforms/platform-registry";

export const dynamic = "force-dynamic";

// Every dashboard page: signed-in users only (checked against the database on each request).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [user, { locale, t }, platforms] = await Promise.all([requireUser(), getLocale(), listPlatforms()]);
  // What the header's switcher offers (never a secret); a deployment with one platform shows none.
  const choices = platforms.map(({ componentAppid, name, isDefault, isEnabled }) => ({ componentAppid, name, isDefault, isEnabled }));
  return (
    <AppShell user={user} locale={locale} t={t} platforms={choices}>
      {children}
    </AppShell>
  );
}
