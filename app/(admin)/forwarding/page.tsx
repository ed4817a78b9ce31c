import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryTable } from "@/components/forwarding/delivery-table";
import { listPlatforms } from "@/lib/platform/platforms/platform-registry";
import { CreateRuleForm, RotateSecretButton, TestDeliveryButton } from "@/components/forwarding/rule-forms";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { deleteForwardingRuleAction, redeliverDeadAction, setForwardingRuleEnabledAction } from "@/app/(admin)/_actions/forwarding";
import { requireUser } from "@/lib/auth/session";
import { firstParam, isOneOf, type TSearchParams } from "@/lib/http/search-params";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { countDeliveries, listDeliveries } from "@/lib/platform/deliveries/list-deliveries";
import { DELIVERY_STATUSES } from "@/lib/platform/forwarding/forwarding-vocabulary";
import { listForwardingRules } from "@/lib/platform/forwarding/list-forwarding-rules";
import { APPID_PATTERN } from "@/lib/wechat/appid";

export const metadata: Metadata = { title: "Forwarding" };

// /forwarding?rule=&status=&appid= - rules (admins manage them, operators read) and the delivery log
export default async function ForwardingPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const params = await searchParams;
  const ruleId = firstParam(params.rule)?.slice(0, 64);
  const status = firstParam(params.status);
  const appid = firstParam(params.appid)?.trim();
  const appidFilter = appid && APPID_PATTERN.test(appid) ? appid : undefined;
  const [{ locale, t }, rules, counts, log, platforms] = await Promise.all([
    getLocale(),
    listForwardingRules(),
    countDeliveries(),
    listDeliveries({ ruleId, appid: appidFilter, status: isOneOf(DELIVERY_STATUSES, status) ? status : undefined, limit: 50 }),
    listPlatforms(),
  ]);
  const countOf = (id: string, wanted: string) => counts.byRule.find((row) => row.ruleId === id && row.status === wanted)?.count ?? 0;
  const serverNow = Date.now();
  return (
    <>
      <PageHeader title={t.forwarding.title} description={t.forwarding.description} />
      {isAdmin && (
        <Card id="new-rule" title={t.forwarding.newRule} className="mb-6">
          <CreateRuleForm t={t} platforms={platforms.map(({ componentAppid, name }) => ({ componentAppid, name }))} />
        </Card>
      )}
      <Card id="rules" title={t.forwarding.rules} className="mb-6" actions={<Badge>{rules.length}</Badge>}>
        {rules.length === 0 ? (
          <EmptyState title={t.forwarding.noRules} hint={t.forwarding.noRulesHint} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {rules.map((rule) => (
              <li key={rule.id} className="space-y-2 py-4" data-testid="forwarding-rule">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/forwarding?rule=${rule.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {rule.name}
                  </Link>
                  <Badge tone={rule.enabled ? "green" : "slate"}>{rule.enabled ? t.forwarding.enabled : t.forwarding.disabled}</Badge>
                  <Badge tone="blue">{rule.mode}</Badge>
                  <Badge>{rule.format}</Badge>
                </div>
                <div className="break-all font-mono text-xs text-slate-600">{rule.url}</div>
                <div className="font-mono text-xs text-slate-500">
                  {rule.types.join(", ")}
                  {rule.appids && ` · ${fill(t.forwarding.appidCount, { count: rule.appids.length })}`}
                  {rule.platforms && ` · ${rule.platforms.join(", ")}`}
                  {` · ${rule.secretHint}`}
                </div>
                <div className="text-xs text-slate-600">
                  {fill(t.forwarding.counts, {
                    pending: countOf(rule.id, "pending"),
                    succeeded: countOf(rule.id, "succeeded"),
                    dead: countOf(rule.id, "dead"),
                  })}
                </div>
                {isAdmin && (
                  <div className="flex flex-wrap items-start gap-2">
                    <TestDeliveryButton id={rule.id} name={rule.name} t={t} />
                    <ActionButton
                      action={setForwardingRuleEnabledAction}
                      fields={{ id: rule.id, enabled: String(!rule.enabled) }}
                      label={rule.enabled ? t.forwarding.disable : t.forwarding.enable}
                    />
                    {countOf(rule.id, "dead") > 0 && (
                      <ActionButton action={redeliverDeadAction} fields={{ ruleId: rule.id }} label={t.forwarding.redeliverDead} />
                    )}
                    <RotateSecretButton id={rule.id} name={rule.name} t={t} />
                    <ActionButton
                      action={deleteForwardingRuleAction}
                      fields={{ id: rule.id }}
                      label={t.forwarding.delete}
                      ariaLabel={`${t.forwarding.delete}: ${rule.name}`}
                      className={`${buttonStyles.small} text-red-700 ring-red-200 hover:bg-red-50`}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        id="deliveries"
        title={t.forwarding.log}
        description={counts.oldestPendingAt ? fill(t.forwarding.oldestPending, { at: counts.oldestPendingAt.toISOString() }) : undefined}
      >
        {appidFilter && (
          <p className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="delivery-appid-filter">
            <Badge>{fill(t.forwarding.filteredByAppid, { appid: appidFilter })}</Badge>
            <Link href="/forwarding#deliveries" className="font-medium text-brand-700 hover:underline">
              {t.forwarding.clearFilter}
            </Link>
          </p>
        )}
        {log.items.length === 0 ? (
          <EmptyState title={t.forwarding.noDeliveries} />
        ) : (
          <DeliveryTable items={log.items} t={t} locale={locale} serverNow={serverNow} />
        )}
      </Card>
    </>
  );
}
