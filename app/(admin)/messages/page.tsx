import type { Metadata } from "next";
import Link from "next/link";
import { MessageFilters } from "@/components/messages/message-filters";
import { MessageTable } from "@/components/messages/message-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { messageListHref, parseMessageListQuery } from "@/lib/http/message-list-query";
import type { TSearchParams } from "@/lib/http/search-params";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { listAuthorizerMessages } from "@/lib/platform/messages/list-authorizer-messages";
import { dashboardPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const metadata: Metadata = { title: "Messages" };

// /messages?appid=&type=&date=&before= - every authorized account's messages and events, newest first
export default async function MessagesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requireUser();
  const params = await searchParams;
  const query = parseMessageListQuery(params);
  const platform = await dashboardPlatform(params);
  const [{ locale, t }, page] = await Promise.all([
    getLocale(),
    listAuthorizerMessages({ ...query, platformKey: platformKeyOf(platform), limit: 50 }),
  ]);
  return (
    <>
      <PageHeader title={t.messages.title} description={fill(t.messages.description, { days: getEnv().MESSAGE_RETENTION_DAYS })} />
      <Card className="mb-6">
        <MessageFilters query={query} t={t} />
      </Card>
      <Card>
        {page.items.length === 0 ? (
          <EmptyState title={t.messages.empty} hint={t.messages.emptyHelp} />
        ) : (
          <MessageTable items={page.items} t={t} locale={locale} serverNow={Date.now()} />
        )}
        {(query.before || page.nextBefore) && (
          <nav aria-label={t.messages.title} className="mt-4 flex justify-between gap-2 border-t border-slate-100 pt-4">
            {query.before ? (
              <Link href={messageListHref(query, { before: undefined })} className={buttonStyles.secondary}>
                {t.messages.newest}
              </Link>
            ) : (
              <span />
            )}
            {page.nextBefore && (
              <Link href={messageListHref(query, { before: String(page.nextBefore) })} className={buttonStyles.secondary}>
                {t.messages.older}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
