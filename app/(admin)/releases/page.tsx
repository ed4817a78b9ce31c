import type { Metadata } from "next";
import Link from "next/link";
import { NewReleaseForm } from "@/components/releases/new-release-form";
import { ReleaseProgress, STATUS_TONES } from "@/components/releases/release-progress";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { actorLabel, requireUser } from "@/lib/auth/session";
import { dashboardPlatform, withPlatform } from "@/lib/http/dashboard-platform";
import type { TSearchParams } from "@/lib/http/search-params";
import { getLocale } from "@/lib/i18n/get-locale";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { listReleases } from "@/lib/platform/releases/get-release";
import { listCodeTemplates } from "@/lib/platform/templates/list-code-templates";

export const metadata: Metadata = { title: "Releases" };

// /releases?platform= - the platform's release campaigns, and (admins) a new one
export default async function ReleasesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const platform = await dashboardPlatform(await searchParams);
  const [{ locale, t }, campaigns, templates] = await Promise.all([
    getLocale(),
    listReleases({ platformKey: platformKeyOf(platform) }),
    isAdmin ? listCodeTemplates({ platform, actor: actorLabel(user) }).catch(() => []) : [],
  ]);
  const words = t.releases;
  return (
    <>
      <PageHeader title={words.title} description={words.description} />
      <Card id="campaigns" title={words.list} className="mb-6" actions={<Badge>{campaigns.length}</Badge>}>
        {campaigns.length === 0 ? (
          <EmptyState title={words.empty} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {campaigns.map((campaign) => (
              <li key={campaign.id} className="grid gap-3 py-3 md:grid-cols-[1fr_2fr]">
                <div className="min-w-0 space-y-1">
                  <Link href={withPlatform(`/releases/${campaign.id}`, platform)} className="font-medium text-brand-700 hover:underline">
                    {campaign.name}
                  </Link>
                  <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <Badge tone={STATUS_TONES[campaign.status as keyof typeof STATUS_TONES]}>
                      {words.status[campaign.status as keyof typeof words.status]}
                    </Badge>
                    <span>{campaign.userVersion}</span>
                    <DateTime value={campaign.createdAt.toISOString()} locale={locale} />
                  </div>
                </div>
                <ReleaseProgress counts={campaign.counts} total={campaign.targetCount} campaign={campaign} t={words} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {isAdmin ? (
        <Card id="new-campaign" title={words.newCampaign}>
          <NewReleaseForm
            templates={templates}
            platform={platform.isDefault ? undefined : platform.componentAppid}
            t={words}
            locale={locale}
          />
        </Card>
      ) : (
        <p className="text-sm text-slate-500">{words.adminOnly}</p>
      )}
    </>
  );
}
