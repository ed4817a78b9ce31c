import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/get-locale";

export const metadata: Metadata = { title: "API" };

// /api-reference - the JSON API's OpenAPI document, browsable, with a download for client generators
export default async function ApiReferencePage() {
  await requireUser();
  const { t } = await getLocale();
  return (
    <>
      <PageHeader title={t.apiReference.title} description={t.apiReference.description} />
      <ApiReference t={t.apiReference} />
    </>
  );
}
