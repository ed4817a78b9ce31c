import type { Metadata } from "next";
import Link from "next/link";
import { ExpiryChart } from "@/components/overview/expiry-chart";
import { ReleaseCheckCard } from "@/components/overview/release-check-card";
import { StatCard } from "@/components/overview/stat-card";
import { StatusBadge } from "@/components/authorizers/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Countdown } from "@/components/ui/countdown";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { fill } from "@/lib/i18n/dictionaries";
import { formatBytes, formatRelative, ticketAgeTone } from "@/lib/i18n/format";
import { getLocale } from "@/lib/i18n/get-locale";
import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizers/authorizer-status";
import { getReleaseCheckStatus } from "@/lib/platform/messages/get-release-check-status";
import type { TSearchParams } from "@/lib/http/search-params";
import { dashboardPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { getOverview } from "@/lib/platform/monitoring/get-overview";

export const metadata: Metadata = { title: "Overview" };

const TONE = { good: "green", warn: "amber", bad: "red" } as const;

// /overview - the platform's health at a glance
export default async function OverviewPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requireUser();
  // The ticket, component token and release check are the chosen platform's (?platform=); the counts the deployment's.
  const platform = await dashboardPlatform(await searchParams);
  const [{ locale, t }, overview, releaseCheck] = await Promise.all([
    getLocale(),
    getOverview(undefined, platform),
    getReleaseCheckStatus(platformKeyOf(platform)),
  ]);
  const now = overview.now.getTime();
  const ticketTone = overview.latestTicket ? TONE[ticketAgeTone(overview.latestTicket.ageMs)] : "red";
  const tokenMsLeft = overview.componentToken ? overview.componentToken.expiresAt.getTime() - now : 0;
  return (
    <>
      <PageHeader title={t.overview.title} description={t.overview.description} />
      {overview.tokenSource.mode === "upstream" && (
        <div className="mb-6">
          <Alert tone="info" role="status" title={t.overview.upstreamTitle}>
            {fill(t.overview.upstreamBody, { url: overview.tokenSource.url })}
          </Alert>
        </div>
      )}
      {overview.pushClockSkew && (
        <div className="mb-6">
          <Alert tone="danger" role="alert" title={t.overview.clockSkewTitle}>
            {fill(t.overview.clockSkewBody, { seconds: overview.pushClockSkew.skewSeconds })} {t.overview.quotaLatest}{" "}
            <DateTime value={overview.pushClockSkew.latestAt.toISOString()} locale={locale} />
          </Alert>
        </div>
      )}
      {overview.sweepShortfall && (
        <div className="mb-6">
          <Alert tone="danger" role="alert" title={t.overview.shortfallTitle}>
            {fill(t.overview.shortfallBody, {
              required: Math.round(overview.sweepShortfall.requiredPerSecond),
              max: Math.round(overview.sweepShortfall.maxPerSecond),
            })}
          </Alert>
        </div>
      )}
      {overview.quotaErrors && (
        <div className="mb-6">
          <Alert tone="danger" role="alert" title={t.overview.quotaTitle}>
            {fill(t.overview.quotaBody, { count: overview.quotaErrors.count })} {t.overview.quotaLatest}{" "}
            <DateTime value={overview.quotaErrors.latestAt.toISOString()} locale={locale} />
            {" · "}
            <Link className="font-medium underline" href="/events?outcome=error">
              {t.overview.viewFailures}
            </Link>
          </Alert>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label={t.overview.ticket} tone={ticketTone} footer={t.overview.ticketHelp}>
          {overview.latestTicket ? (
            <span className={ticketTone === "green" ? "text-brand-700" : ticketTone === "amber" ? "text-amber-700" : "text-red-600"}>
              {fill(t.overview.ticketAge, { age: formatRelative(overview.latestTicket.receivedAt, now, t) })}
            </span>
          ) : (
            <span className="text-red-600">{t.overview.ticketNone}</span>
          )}
        </StatCard>
        <StatCard
          label={t.overview.componentToken}
          tone={!overview.componentToken || tokenMsLeft <= 0 ? "red" : tokenMsLeft < 15 * 60_000 ? "amber" : "green"}
          footer={
            overview.componentToken ? <DateTime value={overview.componentToken.expiresAt.toISOString()} locale={locale} /> : undefined
          }
        >
          {overview.componentToken ? (
            <span className="flex items-baseline gap-2">
              <span className="text-xs font-normal text-slate-500">{t.overview.componentTokenExpires}</span>
              <Countdown until={overview.componentToken.expiresAt.toISOString()} serverNow={now} expiredLabel={t.time.expired} />
            </span>
          ) : (
            <span className="text-slate-400">{t.overview.componentTokenNone}</span>
          )}
        </StatCard>
        <StatCard
          label={t.overview.expiringSoon}
          tone={overview.expiredButAuthorized > 0 ? "red" : overview.expiringWithinHour > 0 ? "amber" : "green"}
          href="/authorizers?status=authorized&sort=expiry"
        >
          {overview.expiringWithinHour.toLocaleString()}
          {overview.expiredButAuthorized > 0 && (
            <p className="mt-1 text-xs font-medium text-red-600">
              {fill(t.overview.chartExpired, { count: overview.expiredButAuthorized })}
            </p>
          )}
          {overview.dormantAccounts !== null && (
            <p className="mt-1 text-xs font-medium text-slate-500" data-testid="dormant-accounts">
              {fill(t.overview.dormant, { count: overview.dormantAccounts.toLocaleString() })}
            </p>
          )}
        </StatCard>
        <StatCard
          label={t.overview.failures}
          tone={overview.failuresLast24h > 0 ? "red" : "green"}
          href="/events?outcome=error"
          footer={t.overview.viewFailures}
        >
          {overview.failuresLast24h.toLocaleString()}
        </StatCard>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          id="expiry-chart"
          title={t.overview.chartTitle}
          description={fill(t.overview.chartDescription, { total: overview.expiryBuckets.reduce((sum, bucket) => sum + bucket.count, 0) })}
        >
          <ExpiryChart buckets={overview.expiryBuckets} t={t} />
        </Card>
        <Card
          id="authorizer-counts"
          title={t.overview.authorizers}
          description={
            now - overview.countsAt.getTime() >= 1000
              ? fill(t.overview.countsAsOf, { age: formatRelative(overview.countsAt, now, t) })
              : undefined
          }
          actions={<span className="text-2xl font-semibold text-slate-900">{overview.totalAuthorizers.toLocaleString()}</span>}
        >
          <ul className="divide-y divide-slate-100">
            {AUTHORIZER_STATUSES.map((status) => (
              <li key={status}>
                <Link href={`/authorizers?status=${status}`} className="flex items-center justify-between gap-3 py-2.5 hover:bg-slate-50">
                  <StatusBadge status={status} t={t} />
                  <span className="text-lg font-semibold tabular-nums text-slate-900">
                    {overview.countsByStatus[status].toLocaleString()}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <ReleaseCheckCard steps={releaseCheck} t={t} serverNow={now} />
      </div>
      <p id="storage" className="mt-6 text-xs text-slate-500">
        {t.overview.storage}{" "}
        {overview.storage.databaseBytes === null ? t.overview.storageUnknown : formatBytes(overview.storage.databaseBytes)}
        {" · "}
        {t.overview.oldestEvent}{" "}
        {overview.storage.oldestEventAt ? <DateTime value={overview.storage.oldestEventAt.toISOString()} locale={locale} /> : "—"}
      </p>
    </>
  );
}
