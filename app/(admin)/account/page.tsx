import type { Metadata } from "next";
import { PasswordForm } from "@/components/auth/password-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";
import { changePasswordAction } from "../_actions/users";

export const metadata: Metadata = { title: "Account" };

// /account - the signed-in user's own password
export default async function AccountPage() {
  const user = await requireUser();
  const { t } = await getLocale();
  return (
    <>
      <PageHeader title={t.nav.account} description={user.email} />
      <Card id="password" title={t.password.changeTitle} description={t.password.changeSubtitle}>
        <PasswordForm
          action={changePasswordAction}
          withCurrent
          minLength={PASSWORD_MIN_LENGTH}
          words={t.password}
          doneMessage={t.password.changed}
        />
      </Card>
    </>
  );
}
