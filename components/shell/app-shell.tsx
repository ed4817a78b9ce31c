import Link from "next/link";
import type { TSessionUser } from "@/lib/auth/roles";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { Badge } from "../ui/badge";
import { LocaleSwitch } from "./locale-switch";
import { Suspense } from "react";
import { NavLinks } from "./nav-links";
import { PlatformSwitch, type TPlatformChoice } from "./platform-switch";
import { SignOutButton } from "./sign-out-button";

export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="flex items-center gap-2 font-semibold text-slate-900">
      <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-lg bg-brand-500 text-white">
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="currentColor">
          <path d="M9 4C5.1 4 2 6.6 2 9.8c0 1.8 1 3.4 2.6 4.5L4 16.5l2.6-1.3c.8.2 1.6.3 2.4.3h.4a5.7 5.7 0 0 1-.2-1.5C9.2 10.8 12.3 8 16.2 8h.5C16 5.7 12.8 4 9 4Zm7.2 5.3c-3.3 0-6 2.2-6 4.8s2.7 4.8 6 4.8c.6 0 1.3-.1 1.9-.3L20.2 20l-.5-1.8c1.3-.9 2.3-2.3 2.3-3.9 0-2.6-2.6-5-5.8-5Z" />
        </svg>
      </span>
      <span className={compact ? "hidden sm:inline" : undefined}>wxopen</span>
    </span>
  );
}

/** The dashboard frame: header with navigation, language switch and the signed-in user; the page below. */
export function AppShell({
  user,
  locale,
  t,
  platforms = [],
  children,
}: {
  user: TSessionUser;
  locale: TLocale;
  t: TDictionary;
  platforms?: TPlatformChoice[];
  children: React.ReactNode;
}) {
  const items = [
    { href: "/overview", label: t.nav.overview },
    { href: "/authorizers", label: t.nav.authorizers },
    { href: "/invite", label: t.nav.invite },
    { href: "/templates", label: t.nav.templates },
    { href: "/releases", label: t.nav.releases },
    { href: "/messages", label: t.nav.messages },
    { href: "/forwarding", label: t.nav.forwarding },
    { href: "/events", label: t.nav.events },
    { href: "/api-reference", label: t.nav.apiReference },
    ...(user.role === "admin" ? [{ href: "/settings", label: t.nav.settings }] : []),
    { href: "/account", label: t.nav.account },
  ];
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-3 sm:px-6">
          <Link href="/overview" aria-label="wxopen" className="shrink-0 sm:mr-2">
            <Logo compact />
          </Link>
          <Suspense>
            <NavLinks items={items} menuLabel={t.nav.menu} navLabel={t.nav.main} />
          </Suspense>
          <div className="ml-auto flex items-center gap-1.5 sm:gap-2">
            {platforms.length > 1 && (
              <Suspense>
                <PlatformSwitch platforms={platforms} label={t.nav.platform} disabledLabel={t.platforms.disabledBadge} />
              </Suspense>
            )}
            <LocaleSwitch locale={locale} label={t.nav.language} />
            <span className="hidden items-center gap-2 text-sm text-slate-600 lg:flex">
              <Link
                href="/account"
                className="max-w-48 truncate hover:text-slate-900 hover:underline"
                title={`${t.nav.account}: ${user.email}`}
              >
                {user.email}
              </Link>
              <Badge tone={user.role === "admin" ? "green" : "slate"}>{t.roles[user.role]}</Badge>
            </span>
            <SignOutButton label={t.nav.signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
