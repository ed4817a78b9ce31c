import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { Metadata } from "next";
import { CreateApiKeyForm, RevokeApiKeyButton } from "@/components/settings/api-key-forms";
import { InviteUserForm } from "@/components/settings/invite-user-form";
import { LiftLoginLockButton } from "@/components/settings/login-lock-button";
import { UserActions } from "@/components/settings/user-actions";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/ui/date-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { buttonStyles } from "@/components/ui/styles";
import { ApiQuotaPanel } from "@/components/quota/api-quota-panel";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";
import { getSettings } from "@/lib/platform/users/get-settings";
import { setSecondFactorRequirementAction } from "../_actions/second-factor";
import { AddPlatformForm, PlatformEnabledButton, PlatformUrl } from "@/components/settings/platform-forms";
import { listPlatformViews } from "@/lib/platform/component/manage-platforms";
import { getReleaseCheckStatus, type TReleaseCheckStepStatus } from "@/lib/platform/messages/get-release-check-status";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";

export const metadata: Metadata = { title: "Settings" };

// /settings - users, sign-in security and API keys (admins only; the actions check the role again)
/** A platform's release check in one line: how many of its steps last went right, and when the newest was seen. */
function ReleaseCheckSummary({
  steps,
  t,
  when,
}: {
  steps: TReleaseCheckStepStatus[];
  t: TDictionary;
  when: (value: Date | null) => React.ReactNode;
}) {
  const seen = steps.filter((step) => step.step !== "ticket" && step.last);
  if (seen.length === 0) return <span>{t.platforms.releaseCheckNone}</span>;
  const latest = new Date(Math.max(...seen.map((step) => step.last!.at.getTime())));
  const passed = steps.filter((step) => step.last?.ok).length;
  return (
    <span>
      {fill(t.platforms.releaseCheck, { passed, total: steps.length })} · {when(latest)}
    </span>
  );
}

export default async function SettingsPage() {
  const user = await requireUser();
  const { t, locale } = await getLocale();
  if (user.role !== "admin") return <Forbidden t={t} />;
  const [{ users, apiKeys, loginLocks, requireSecondFactor }, platforms] = await Promise.all([getSettings(), listPlatformViews()]);
  // Each platform's own release check: how many of its six steps last went right, and when the newest was seen.
  const releaseChecks = await Promise.all(platforms.map((platform) => getReleaseCheckStatus(platformKeyOf(platform))));
  const serverNow = Date.now();
  const when = (value: Date | null) =>
    value ? <RelativeTime value={value.toISOString()} words={{ time: t.time }} serverNow={serverNow} /> : t.common.never;
  return (
    <>
      <PageHeader title={t.settings.title} description={t.settings.description} />
      <div className="space-y-6">
        <Card id="users" title={t.settings.users} description={t.settings.inviteUser}>
          <InviteUserForm t={t} />
          <ul className="mt-5 divide-y divide-slate-100 border-t border-slate-100">
            {users.map((row) => (
              <li key={row.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    <span className="truncate">{row.email}</span>
                    {row.id === user.id && <Badge tone="blue">{t.settings.you}</Badge>}
                    <Badge tone={row.role === "admin" ? "green" : "slate"}>{t.roles[row.role as "admin" | "operator"] ?? row.role}</Badge>
                    {row.disabledAt && <Badge tone="red">{t.settings.disabled}</Badge>}
                    {row.secondFactor?.enabledAt && <Badge tone="blue">{t.settings.secondFactor}</Badge>}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {row.name && <span className="mr-2">{row.name}</span>}
                    {t.settings.lastLogin}: {when(row.lastLoginAt)}
                  </p>
                </div>
                <UserActions
                  user={{
                    id: row.id,
                    email: row.email,
                    role: row.role,
                    isDisabled: Boolean(row.disabledAt),
                    hasSecondFactor: Boolean(row.secondFactor?.enabledAt),
                  }}
                  isSelf={row.id === user.id}
                  t={t}
                />
              </li>
            ))}
          </ul>
        </Card>
        <Card id="sign-in-security" title={t.settings.security}>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">{t.settings.requireSecondFactor}</p>
              <p role="status" className="mt-0.5 text-xs text-slate-500">
                {requireSecondFactor ? t.settings.requiredOn : t.settings.requiredOff}
              </p>
            </div>
            <ActionButton
              action={setSecondFactorRequirementAction}
              fields={{ required: String(!requireSecondFactor) }}
              label={requireSecondFactor ? t.settings.requireOff : t.settings.requireOn}
              ariaLabel={`${requireSecondFactor ? t.settings.requireOff : t.settings.requireOn}: ${t.settings.requireSecondFactor}`}
              className={buttonStyles.secondary}
            />
          </div>
        </Card>
        {loginLocks.length > 0 && (
          <Card id="login-locks" title={t.settings.loginLocks} description={t.settings.loginLocksHelp}>
            <ul className="divide-y divide-slate-100">
              {loginLocks.map((lock) => (
                <li
                  key={`${lock.email}|${lock.ip ?? ""}`}
                  className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-900">{lock.email}</p>
                    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
                      <span>
                        {t.settings.lockedUntil}: <DateTime value={lock.until.toISOString()} locale={locale} />
                      </span>
                      {lock.ip && (
                        <span>
                          {t.settings.lockedFrom}: <span className="font-mono">{lock.ip}</span>
                        </span>
                      )}
                    </p>
                  </div>
                  <LiftLoginLockButton email={lock.email} t={t} />
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card id="api-keys" title={t.settings.apiKeys} description={t.settings.apiKeysHelp}>
          <CreateApiKeyForm
            t={t}
            platforms={platforms.map((platform) => ({
              componentAppid: platform.componentAppid,
              name: platform.isDefault ? t.platforms.defaultBadge : platform.name,
            }))}
          />
          {apiKeys.length === 0 ? (
            <p className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-500">{t.settings.noKeys}</p>
          ) : (
            <ul className="mt-5 divide-y divide-slate-100 border-t border-slate-100">
              {apiKeys.map((key) => (
                <li key={key.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      {key.name}
                      <Badge>{t.roles[key.role as "admin" | "operator" | "reader"] ?? key.role}</Badge>
                      {key.revokedAt ? (
                        <Badge tone="red">{t.settings.revoked}</Badge>
                      ) : (
                        key.expiresAt && key.expiresAt.getTime() <= serverNow && <Badge tone="red">{t.settings.expired}</Badge>
                      )}
                    </p>
                    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
                      <span className="font-mono">{key.prefix}…</span>
                      {key.platforms && (
                        <span>
                          {t.settings.keyPlatformsLimited}: <span className="font-mono">{key.platforms.join(", ")}</span>
                        </span>
                      )}
                      <span>
                        {t.settings.createdAt}: {when(key.createdAt)}
                      </span>
                      <span>
                        {t.settings.createdBy}: {key.createdById ? (key.createdByEmail ?? key.createdById) : t.settings.createdByCli}
                      </span>
                      <span>
                        {t.settings.lastUsed}: {when(key.lastUsedAt)}
                      </span>
                      <span>
                        {t.settings.expiresAt}:{" "}
                        {key.expiresAt ? <DateTime value={key.expiresAt.toISOString()} locale={locale} /> : t.settings.keyNeverExpires}
                      </span>
                      {key.revokedReason === "creator_disabled" && (
                        <span className="text-red-700">{t.settings.revokedCreatorDisabled}</span>
                      )}
                      {key.revokedReason === "creator_demoted" && <span className="text-red-700">{t.settings.revokedCreatorDemoted}</span>}
                    </p>
                  </div>
                  {!key.revokedAt && <RevokeApiKeyButton id={key.id} name={key.name} t={t} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="platforms" title={t.platforms.title} description={t.platforms.help}>
          <AddPlatformForm t={t} />
          <ul className="mt-5 divide-y divide-slate-100 border-t border-slate-100">
            {platforms.map((platform, index) => (
              <li key={platform.componentAppid} className="space-y-2 py-3" aria-label={platform.name}>
                <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    <span>{platform.isDefault ? platform.componentAppid : platform.name}</span>
                    {!platform.isDefault && <span className="font-mono text-xs text-slate-500">{platform.componentAppid}</span>}
                    {platform.isDefault && <Badge tone="blue">{t.platforms.defaultBadge}</Badge>}
                    {!platform.enabled && <Badge tone="red">{t.platforms.disabledBadge}</Badge>}
                  </p>
                  {!platform.isDefault && (
                    <PlatformEnabledButton
                      componentAppid={platform.componentAppid}
                      name={platform.name}
                      isEnabled={platform.enabled}
                      t={t}
                    />
                  )}
                </div>
                <PlatformUrl label={t.platforms.notifyUrl} value={platform.urls.notify} t={t} />
                <PlatformUrl label={t.platforms.messagesUrl} value={platform.urls.messages} t={t} />
                <p className="flex flex-wrap gap-x-4 text-xs text-slate-500">
                  <span>
                    {t.platforms.ticket}: {platform.latestTicket ? when(platform.latestTicket.receivedAt) : t.platforms.noTicket}
                  </span>
                  <span>
                    {t.platforms.token}:{" "}
                    {platform.accessToken ? (
                      <DateTime value={platform.accessToken.expiresAt.toISOString()} locale={locale} />
                    ) : (
                      t.platforms.noToken
                    )}
                  </span>
                  <ReleaseCheckSummary steps={releaseChecks[index]} t={t} when={when} />
                </p>
              </li>
            ))}
          </ul>
        </Card>
        <Card id="component-quota" title={t.quota.componentTitle}>
          <ApiQuotaPanel defaultPath="/cgi-bin/component/api_authorizer_token" t={t} />
        </Card>
      </div>
    </>
  );
}
