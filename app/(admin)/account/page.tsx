import type { Metadata } from "next";
import { DisableSecondFactorForm } from "@/components/auth/disable-second-factor-form";
import { PasswordForm } from "@/components/auth/password-form";
import { SecondFactorSetup } from "@/components/auth/second-factor-setup";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { requireUser } from "@/lib/auth/session";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { getSecondFactorStatus } from "@/lib/platform/users/get-second-factor-status";
import { changePasswordAction } from "../_actions/users";

export const metadata: Metadata = { title: "Account" };

// /account - the signed-in user's own password and second factor
export default async function AccountPage() {
  const user = await requireUser();
  const [{ t, locale }, secondFactor] = await Promise.all([getLocale(), getSecondFactorStatus({ userId: user.id })]);
  const words = t.secondFactor;
  return (
    <>
      <PageHeader title={t.nav.account} description={user.email} />
      <div className="space-y-6">
        <Card id="password" title={t.password.changeTitle} description={t.password.changeSubtitle}>
          <PasswordForm
            action={changePasswordAction}
            withCurrent
            minLength={PASSWORD_MIN_LENGTH}
            words={t.password}
            doneMessage={t.password.changed}
          />
        </Card>
        <Card id="second-factor" title={words.title} description={words.description}>
          {secondFactor.enabledAt ? (
            <div className="space-y-4">
              <div>
                <p role="status" className="text-sm font-medium text-slate-900">
                  {fill(words.on, { count: secondFactor.recoveryCodesLeft })}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {words.enabledAt}: <DateTime value={secondFactor.enabledAt.toISOString()} locale={locale} />
                  {secondFactor.isRequired && <span className="ml-2">{words.required}</span>}
                </p>
              </div>
              <DisableSecondFactorForm t={t} />
            </div>
          ) : (
            <div className="space-y-4">
              {secondFactor.isRequired && <Alert tone="warning">{words.required}</Alert>}
              <SecondFactorSetup t={t} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
