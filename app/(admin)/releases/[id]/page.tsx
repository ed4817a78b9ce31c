import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh, ReleaseControls } from "@/components/releases/release-controls";
import { ReleaseProgress, STATE_COLORS, STATUS_TONES } from "@/components/releases/release-progress";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { authorizerHref, dashboardPlatform, withPlatform } from "@/lib/http/dashboard-platform";
import type { TSearchParams } from "@/lib/http/search-params";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { formatDateTime } from "@/lib/i18n/format";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { getRelease } from "@/lib/platform/releases/get-release";
import type { TTargetState } from "@/lib/platform/releases/release-vocabulary";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TSearchParams> };

export const metadata: Metadata = { title: "Release campaign" };

const SHOWN_PER_STATE = 50;

// /releases/:id - one campaign: progress per state (live), the accounts in each state with reasons, and its controls
export default async function ReleasePage({ params, searchParams }: TProps) {
  const user = await requireUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const platform = await dashboardPlatform(await searchParams);
  const platformKey = platformKeyOf(platform);
  const [{ locale, t }, campaign] = await Promise.all([
    getLocale(),
    getRelease({ id, platformKey, perState: SHOWN_PER_STATE }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }),
  ]);
  const words = t.releases;
  const isLive = campaign.status === "running" || campaign.status === "paused";
  const states = Object.keys(campaign.accounts) as TTargetState[];
  return (
    <>
      <Link href={withPlatform("/releases", platform)} className="text-sm text-slate-500 hover:text-slate-900">
        ← {words.title}
      </Link>
      <PageHeader
        title={campaign.name}
        description={fill(words.created, { time: formatDateTime(campaign.createdAt.toISOString(), locale), by: campaign.createdBy })}
        actions={
          <>
            <Badge tone={STATUS_TONES[campaign.status as keyof typeof STATUS_TONES]}>
              {words.status[campaign.status as keyof typeof words.status]}
            </Badge>
            <AutoRefresh isLive={isLive} label={words.live} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card id="progress" title={words.progress} className="lg:col-span-2">
          <ReleaseProgress counts={campaign.counts} total={campaign.targetCount} campaign={campaign} t={words} />
        </Card>
        <Card id="controls" title={`${campaign.userVersion} · ${words.template} ${campaign.templateId}`}>
          <div className="space-y-3 text-sm text-slate-600">
            <p>{campaign.userDesc}</p>
            {user.role === "admin" ? (
              <ReleaseControls
                id={campaign.id}
                status={campaign.status}
                failed={campaign.counts.failed}
                platform={platform.isDefault ? undefined : platform.componentAppid}
                t={words}
                locale={locale}
              />
            ) : (
              <p className="text-xs text-slate-500">{words.adminOnly}</p>
            )}
            {campaign.completedAt && <DateTime value={campaign.completedAt.toISOString()} locale={locale} />}
          </div>
        </Card>
      </div>
      <Card id="accounts" title={words.accounts} className="mt-6">
        <div className="space-y-5">
          {states.map((state) => (
            <section key={state} aria-label={words.state[state]}>
              <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
                <span className={`inline-block h-2.5 w-2.5 rounded-full ${STATE_COLORS[state]}`} aria-hidden />
                {words.state[state]} <Badge>{campaign.counts[state]}</Badge>
              </h3>
              <ul className="divide-y divide-slate-100 text-sm">
                {campaign.accounts[state]?.map((account) => (
                  <li key={account.appid} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-1.5">
                    <Link href={authorizerHref(platformKey, account.appid)} className="font-mono text-xs text-brand-700 hover:underline">
                      {account.appid}
                    </Link>
                    {account.reason && (
                      <span className="text-xs text-red-700">
                        {words.reason}: {account.reason.replace(/<br\s*\/?>/gi, " ")}
                      </span>
                    )}
                    {account.errcode !== null && (
                      <span className="text-xs text-red-700">
                        {account.explanation ? account.explanation[locale] : account.error} ({account.errcode})
                      </span>
                    )}
                    {account.errcode === null && account.error && <span className="text-xs text-red-700">{account.error}</span>}
                  </li>
                ))}
              </ul>
              {campaign.counts[state] > SHOWN_PER_STATE && (
                <p className="mt-1 text-xs text-slate-500">{fill(words.more, { count: campaign.counts[state] - SHOWN_PER_STATE })}</p>
              )}
            </section>
          ))}
        </div>
      </Card>
    </>
  );
}
