import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Avatar } from "@/components/authorizers/avatar";
import { ForceRefreshButton } from "@/components/authorizers/force-refresh-button";
import { LastRefresh } from "@/components/authorizers/last-refresh";
import { ReauthorizePanel } from "@/components/authorizers/reauthorize-panel";
import { KindBadge, StatusBadge } from "@/components/authorizers/status-badge";
import { EventTable } from "@/components/events/event-table";
import { DeliveryTable } from "@/components/forwarding/delivery-table";
import { MessageTable } from "@/components/messages/message-table";
import { ApiQuotaPanel } from "@/components/quota/api-quota-panel";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { actorLabel, requireUser } from "@/lib/auth/session";
import { VersionsPanel, type TVersionsData } from "@/components/mini-programs/versions-panel";
import { getMiniProgramCode } from "@/lib/platform/mini-programs/get-mini-program-code";
import { listVersionHistory } from "@/lib/platform/mini-programs/rollback-code";
import { getAuditOptions } from "@/lib/platform/reviews/get-audit-options";
import { listCodeTemplates } from "@/lib/platform/templates/list-code-templates";
import type { TPlatform } from "@/lib/platform/platforms/platform-registry";
import { AppError } from "@/lib/errors";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { getAuthorizerDetail } from "@/lib/platform/authorizers/get-authorizer-detail";
import { listDeliveries } from "@/lib/platform/deliveries/list-deliveries";
import { listAuthorizerMessages } from "@/lib/platform/messages/list-authorizer-messages";
import { scopeName } from "@/lib/wechat/scopes";
import { isAppid } from "@/lib/wechat/appid";
import type { TSearchParams } from "@/lib/http/search-params";
import { dashboardPlatform, withPlatform } from "@/lib/http/dashboard-platform";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

type TProps = { params: Promise<{ appid: string }>; searchParams: Promise<TSearchParams> };

/**
 * The Versions panel's data: the versions (read from WeChat at most once a minute), the template library, the
 * categories and pages a review may name (once code is committed) and, for admins, the versions a rollback may choose.
 */
const loadVersions = async (platform: TPlatform, appid: string, actor: string, isAdmin: boolean): Promise<TVersionsData> => {
  const ref = { platformKey: platformKeyOf(platform), appid };
  try {
    const [code, templates] = await Promise.all([getMiniProgramCode({ ref, actor }), listCodeTemplates({ platform, actor })]);
    const [options, history] = await Promise.all([
      code.trial ? getAuditOptions({ ref, actor }).catch(() => ({ categories: [], pages: [] })) : { categories: [], pages: [] },
      isAdmin && code.released ? listVersionHistory({ ref, actor }).catch(() => []) : [],
    ]);
    return {
      kind: "ready",
      code,
      templates,
      categories: options.categories.map((category) => ({
        label: [category.first_class, category.second_class, category.third_class].filter(Boolean).join(" › "),
        value: JSON.stringify(category),
      })),
      pages: options.pages,
      history,
    };
  } catch (error) {
    if (error instanceof AppError && error.details?.errcode === 61007) return { kind: "needs_scope" };
    return { kind: "unavailable", message: error instanceof AppError ? error.message : "see the server log" };
  }
};

export const generateMetadata = async ({ params }: TProps): Promise<Metadata> => ({ title: (await params).appid });

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-3 gap-3 py-2">
    <dt className="text-xs font-medium text-slate-500 [overflow-wrap:anywhere]">{label}</dt>
    <dd className="col-span-2 min-w-0 break-words text-sm text-slate-800">{children}</dd>
  </div>
);

// /authorizers/:appid - one authorizer: profile, scopes, token state, events, actions
export default async function AuthorizerPage({ params, searchParams }: TProps) {
  const user = await requireUser();
  const { appid } = await params;
  // No query sees a value that cannot be an appid (Postgres refuses a NUL in one with an error).
  if (!isAppid(appid)) notFound();
  // The authorization of the platform the URL names (?platform=; the default one without it).
  const platform = await dashboardPlatform(await searchParams);
  const platformKey = platformKeyOf(platform);
  const [{ locale, t }, detail, messages, deliveries, versions] = await Promise.all([
    getLocale(),
    getAuthorizerDetail({ platformKey, appid }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }),
    listAuthorizerMessages({ platformKey, appid, limit: 10 }),
    listDeliveries({ appid, limit: 10 }),
    loadVersions(platform, appid, actorLabel(user), user.role === "admin"),
  ]);
  const serverNow = Date.now();
  const iso = (value: Date | null) => value?.toISOString();
  const expiresAt = iso(detail.accessTokenExpiresAt);
  return (
    <>
      <Link href={withPlatform("/authorizers", platform)} className="text-sm text-slate-500 hover:text-slate-900">
        ← {t.authorizers.title}
      </Link>
      <div className="mb-6 mt-3 flex flex-wrap items-center gap-4">
        <Avatar src={detail.headImg} name={detail.nickName} size={56} />
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold text-slate-900 sm:text-2xl">{detail.nickName || detail.appid}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs text-slate-500">{detail.appid}</span>
            <KindBadge kind={detail.kind} t={t} />
            <StatusBadge status={detail.status} t={t} />
            {detail.outsideInvitation && <Badge tone="red">{t.detail.outsideInvitation}</Badge>}
          </div>
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card id="profile" title={t.detail.profile}>
            <div className="flex flex-col gap-5 sm:flex-row">
              <dl className="min-w-0 flex-1 divide-y divide-slate-100">
                <Row label={t.detail.appid}>
                  <span className="font-mono">{detail.appid}</span>
                </Row>
                <Row label={t.detail.userName}>
                  <span className="font-mono">{detail.userName || "—"}</span>
                </Row>
                <Row label={t.detail.principal}>{detail.principalName || "—"}</Row>
                <Row label={t.detail.alias}>{detail.alias || "—"}</Row>
                <Row label={t.detail.authorizedAt}>
                  {detail.authorizedAt ? <DateTime value={detail.authorizedAt.toISOString()} locale={locale} /> : "—"}
                </Row>
                {detail.statusReason && <Row label={t.detail.statusReason}>{detail.statusReason}</Row>}
                {detail.outsideInvitation && (
                  <Row label={t.detail.outsideInvitation}>
                    {t.detail.outsideInvitationHelp} {detail.outsideInvitation.reason} (
                    <DateTime value={detail.outsideInvitation.at.toISOString()} locale={locale} />)
                  </Row>
                )}
              </dl>
              {detail.qrcodeUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- WeChat's QR image host is arbitrary
                <img
                  src={detail.qrcodeUrl}
                  alt={fill(t.detail.qrcode, { name: detail.nickName || detail.appid })}
                  width={144}
                  height={144}
                  className="h-36 w-36 shrink-0 rounded-lg border border-slate-200 bg-white p-1"
                />
              )}
            </div>
          </Card>
          <Card id="scopes" title={t.detail.scopes} actions={<Badge>{detail.scopes.length}</Badge>}>
            {detail.scopes.length === 0 ? (
              <p className="text-sm text-slate-500">{t.detail.noScopes}</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="w-16 py-1.5 font-medium">
                      {t.detail.scopeId}
                    </th>
                    <th scope="col" className="py-1.5 font-medium">
                      {t.detail.scopeName}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {detail.scopes.map(({ scopeId }) => (
                    <tr key={scopeId}>
                      <td className="py-1.5 font-mono text-xs text-slate-500">{scopeId}</td>
                      <td className="py-1.5 text-slate-800">{scopeName(scopeId, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          {detail.kind === "mini_program" && detail.status === "authorized" && (
            <Card id="versions" title={t.versions.title}>
              <VersionsPanel
                data={versions}
                account={{ appid: detail.appid, platform: platform.isDefault ? undefined : platform.componentAppid }}
                isAdmin={user.role === "admin"}
                previewValues={{ appid: detail.appid, nickName: detail.nickName, principalName: detail.principalName }}
                t={t}
                locale={locale}
              />
            </Card>
          )}
          <Card id="messages" title={t.messages.recent}>
            {messages.items.length === 0 ? (
              <EmptyState title={t.messages.empty} />
            ) : (
              <MessageTable items={messages.items} t={t} locale={locale} serverNow={serverNow} showAccount={false} />
            )}
            <Link
              href={withPlatform(`/messages?appid=${detail.appid}`, platform)}
              className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
            >
              {t.messages.all} →
            </Link>
          </Card>
          <Card id="deliveries" title={t.forwarding.accountLog}>
            {deliveries.items.length === 0 ? (
              <EmptyState title={t.forwarding.noDeliveries} />
            ) : (
              <DeliveryTable items={deliveries.items} t={t} locale={locale} serverNow={serverNow} />
            )}
            <Link
              href={`/forwarding?appid=${detail.appid}#deliveries`}
              className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
            >
              {t.forwarding.accountLogAll} →
            </Link>
          </Card>
          <Card id="events" title={t.detail.events}>
            {detail.events.length === 0 ? (
              <EmptyState title={t.events.empty} />
            ) : (
              <EventTable items={detail.events} t={t} locale={locale} serverNow={serverNow} showAppid={false} />
            )}
            <Link
              href={withPlatform(`/events?appid=${detail.appid}`, platform)}
              className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
            >
              {t.nav.events} →
            </Link>
          </Card>
        </div>
        <div className="order-first space-y-6 lg:order-last">
          <Card id="token" title={t.detail.token}>
            <dl className="divide-y divide-slate-100">
              <Row label={t.detail.accessTokenExpiry}>
                {expiresAt ? (
                  <span className="space-y-0.5">
                    <RelativeTime
                      value={expiresAt}
                      mode="expiry"
                      words={{ time: t.time }}
                      serverNow={serverNow}
                      className="block font-medium"
                    />
                    <span className="block text-xs text-slate-500" data-testid="token-expires-at">
                      <DateTime value={expiresAt} locale={locale} />
                    </span>
                  </span>
                ) : (
                  t.authorizers.noToken
                )}
              </Row>
              <Row label={t.detail.lastRefresh}>
                <LastRefresh
                  at={detail.lastRefreshAt}
                  isOk={detail.lastRefreshOk}
                  error={null}
                  errcode={detail.lastErrcode}
                  t={t}
                  serverNow={serverNow}
                />
              </Row>
              <Row label={t.detail.lastError}>
                {detail.lastRefreshError ? (
                  <span className="text-red-700">
                    {detail.lastErrcode !== null && <span className="mr-1 font-mono">{detail.lastErrcode}</span>}
                    {detail.lastRefreshError}
                  </span>
                ) : (
                  t.common.none
                )}
              </Row>
              <Row label={t.detail.refreshFailures}>{detail.refreshFailures}</Row>
              {detail.nextRetryAt && (
                <Row label={t.detail.nextRetry}>
                  <RelativeTime value={detail.nextRetryAt.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
                </Row>
              )}
              <Row label={t.detail.refreshToken}>
                {detail.hasRefreshToken ? (
                  <Badge tone="green">{t.detail.refreshTokenPresent}</Badge>
                ) : (
                  <Badge tone="red">{t.detail.refreshTokenMissing}</Badge>
                )}
              </Row>
            </dl>
          </Card>
          {user.role === "admin" && detail.status === "authorized" && (
            <Card id="quota" title={t.quota.title}>
              <ApiQuotaPanel
                appid={detail.appid}
                platform={platform.isDefault ? undefined : platform.componentAppid}
                defaultPath="/cgi-bin/message/custom/send"
                t={t}
              />
            </Card>
          )}
          <Card id="actions" title={t.detail.actions}>
            <div className="space-y-6">
              {user.role === "admin" && (
                <div className="space-y-2">
                  <p className="text-sm text-slate-600">{t.detail.forceRefreshHelp}</p>
                  <ForceRefreshButton
                    appid={detail.appid}
                    platformQuery={withPlatform("", platform)}
                    t={{ detail: t.detail }}
                    locale={locale}
                  />
                </div>
              )}
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">{t.detail.reauthorize}</h3>
                <ReauthorizePanel
                  appid={detail.appid}
                  kind={detail.kind}
                  platform={platform.isDefault ? undefined : platform.componentAppid}
                  t={t}
                  locale={locale}
                />
              </div>
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
