import type { Metadata } from "next";
import Link from "next/link";
import { AuthorizerFilters } from "@/components/authorizers/authorizer-filters";
import { AuthorizerList } from "@/components/authorizers/authorizer-list";
import { authorizerListHref, parseAuthorizerListQuery } from "@/lib/http/authorizer-list-query";
import type { TSearchParams } from "@/lib/http/search-params";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/session";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { listAuthorizers } from "@/lib/platform/directory/list-authorizers";
import { dashboardPlatform, withPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const metadata: Metadata = { title: "Authorizers" };

const PAGE_SIZE = 50;

// /authorizers?q=&kind=&status=&scope=&sort=&cursor= - every authorizer, server-paginated
export default async function AuthorizersPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requireUser();
  const params = await searchParams;
  const { platform: _platform, ...query } = parseAuthorizerListQuery(params);
  const platform = await dashboardPlatform(params);
  const [{ locale, t }, page] = await Promise.all([
    getLocale(),
    listAuthorizers({ ...query, platformKey: platformKeyOf(platform), limit: PAGE_SIZE, withTotal: true }),
  ]);
  const listQuery = { ...query, platform: platform.isDefault ? undefined : platform.componentAppid };
  const total = page.total ?? { count: 0, isAtLeast: false };
  const serverNow = Date.now();
  return (
    <>
      <PageHeader
        title={t.authorizers.title}
        description={
          platform.isDefault
            ? t.authorizers.description
            : fill(t.platforms.forPlatform, { name: platform.name, appid: platform.componentAppid })
        }
        actions={
          <Link href={withPlatform("/invite", platform)} className={buttonStyles.primary}>
            {t.nav.invite}
          </Link>
        }
      />
      <Card className="mb-6">
        <AuthorizerFilters query={listQuery} t={t} locale={locale} />
      </Card>
      <Card
        title={fill(t.authorizers.count, { count: `${total.count.toLocaleString()}${total.isAtLeast ? "+" : ""}` })}
        id="authorizer-list"
      >
        {page.items.length === 0 ? (
          <EmptyState title={t.authorizers.empty} hint={t.authorizers.emptyHint} />
        ) : (
          <AuthorizerList items={page.items} t={t} locale={locale} serverNow={serverNow} platformQuery={withPlatform("", platform)} />
        )}
        {(listQuery.cursor || page.nextCursor) && (
          <nav aria-label={t.authorizers.title} className="mt-4 flex justify-between gap-2 border-t border-slate-100 pt-4">
            {page.previousCursor ? (
              <span className="flex gap-2">
                <Link href={authorizerListHref(listQuery, { cursor: undefined })} className={buttonStyles.secondary}>
                  {t.common.firstPage}
                </Link>
                <Link href={authorizerListHref(listQuery, { cursor: page.previousCursor })} className={buttonStyles.secondary}>
                  {t.common.previous}
                </Link>
              </span>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link href={authorizerListHref(listQuery, { cursor: page.nextCursor })} className={buttonStyles.secondary}>
                {t.common.next}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
