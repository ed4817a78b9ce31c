import type { Metadata } from "next";
import { InvitationForm } from "@/components/invite/invitation-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";
import { SCOPES, scopeName } from "@/lib/wechat/scopes";
import type { TSearchParams } from "@/lib/http/search-params";
import { dashboardPlatform } from "@/lib/http/dashboard-platform";
import { fill } from "@/lib/i18n/dictionaries";

export const metadata: Metadata = { title: "Authorize" };

// /invite - create an authorization invitation for a merchant (operators and admins)
export default async function InvitePage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  await requireUser();
  const platform = await dashboardPlatform(await searchParams);
  const { locale, t } = await getLocale();
  const scopesOf = (kind: "official_account" | "mini_program") =>
    Object.entries(SCOPES)
      .filter(([, scope]) => scope.appliesTo === kind)
      .map(([id]) => ({ id: Number(id), name: scopeName(Number(id), locale) }));
  return (
    <>
      <PageHeader
        title={t.invite.title}
        description={
          platform.isDefault
            ? t.invite.description
            : `${fill(t.platforms.forPlatform, { name: platform.name, appid: platform.componentAppid })} · ${t.invite.description}`
        }
      />
      <Card>
        <InvitationForm
          t={t}
          locale={locale}
          platform={platform.isDefault ? undefined : platform.componentAppid}
          scopeGroups={[
            { kind: "official_account", label: t.invite.officialAccountScopes, scopes: scopesOf("official_account") },
            { kind: "mini_program", label: t.invite.miniProgramScopes, scopes: scopesOf("mini_program") },
          ]}
        />
      </Card>
    </>
  );
}
