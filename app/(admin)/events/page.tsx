import type { Metadata } from "next";
import Link from "next/link";
import { EventFilters } from "@/components/events/event-filters";
import { EventTable } from "@/components/events/event-table";
import { eventListHref, parseEventListQuery } from "@/lib/http/event-list-query";
import type { TSearchParams } from "@/lib/http/search-params";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";
import { listEventKinds, listEvents } from "@/lib/platform/activity/list-events";
import { dashboardPlatform } from "@/lib/http/dashboard-platform";
import { platformFilter, platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const metadata: Metadata = { title: "Events" };

// /events?kind=&appid=&outcome=&before= - the event log, newest first
export default async function EventsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requireUser();
  const params = await searchParams;
  const query = parseEventListQuery(params);
  const platform = await dashboardPlatform(params);
  const [{ locale, t }, page, kinds] = await Promise.all([
    getLocale(),
    listEvents({ ...query, ...(await platformFilter(platformKeyOf(platform))), limit: 50 }),
    listEventKinds(),
  ]);
  return (
    <>
      <PageHeader title={t.events.title} description={t.events.description} />
      <Card className="mb-6">
        <EventFilters query={query} kinds={kinds} t={t} />
      </Card>
      <Card>
        {page.items.length === 0 ? (
          <EmptyState title={t.events.empty} />
        ) : (
          <EventTable items={page.items} t={t} locale={locale} serverNow={Date.now()} />
        )}
        {(query.before || page.nextBefore) && (
          <nav aria-label={t.events.title} className="mt-4 flex justify-between gap-2 border-t border-slate-100 pt-4">
            {query.before ? (
              <Link href={eventListHref(query, { before: undefined })} className={buttonStyles.secondary}>
                {t.events.newest}
              </Link>
            ) : (
              <span />
            )}
            {page.nextBefore && (
              <Link href={eventListHref(query, { before: String(page.nextBefore) })} className={buttonStyles.secondary}>
                {t.events.older}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
