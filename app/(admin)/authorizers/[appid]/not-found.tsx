import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonStyles } from "@/components/ui/styles";
import { getLocale } from "@/lib/i18n/get-locale";

export default async function AuthorizerNotFound() {
  const { t } = await getLocale();
  return (
    <EmptyState
      title={t.common.notFoundTitle}
      hint={t.common.notFoundBody}
      action={
        <Link href="/authorizers" className={buttonStyles.secondary}>
          {t.authorizers.title}
        </Link>
      }
    />
  );
}
