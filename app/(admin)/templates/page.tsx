import type { Metadata } from "next";
import { AddDraftForm, DeleteTemplateButton } from "@/components/templates/template-forms";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { actorLabel, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { dashboardPlatform } from "@/lib/http/dashboard-platform";
import type { TSearchParams } from "@/lib/http/search-params";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import { listCodeTemplates, listTemplateDrafts } from "@/lib/platform/templates/list-code-templates";

export const metadata: Metadata = { title: "Templates" };

const th = "py-2 pr-3 font-medium";

/** A read of the library that fails (WeChat unreachable, no component token yet) shows its reason instead of the page failing. */
const readOrReason = <T,>(read: Promise<T>) =>
  read.then(
    (value) => ({ value }),
    (error: unknown) => ({ reason: error instanceof AppError ? error.message : "see the server log" }),
  );

// /templates?platform= - the platform's Mini Program template library: drafts, templates and how many Mini Programs run each
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const platform = await dashboardPlatform(await searchParams);
  const actor = actorLabel(user);
  const [{ locale, t }, templates, drafts] = await Promise.all([
    getLocale(),
    readOrReason(listCodeTemplates({ platform, actor })),
    readOrReason(listTemplateDrafts({ platform, actor })),
  ]);
  const words = t.templates;
  const platformField = platform.isDefault ? undefined : platform.componentAppid;
  return (
    <>
      <PageHeader title={words.title} description={words.description} />
      {!isAdmin && <p className="mb-4 text-sm text-slate-500">{words.adminOnly}</p>}
      <Card id="templates" title={words.library} className="mb-6" actions={"value" in templates && <Badge>{templates.value.length}</Badge>}>
        {"reason" in templates ? (
          <p className="text-sm text-red-700">{fill(words.unavailable, { message: templates.reason })}</p>
        ) : templates.value.length === 0 ? (
          <EmptyState title={words.noTemplates} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className={th}>
                    {words.id}
                  </th>
                  <th scope="col" className={th}>
                    {words.version}
                  </th>
                  <th scope="col" className={th}>
                    {words.descriptionColumn}
                  </th>
                  <th scope="col" className={th}>
                    {words.type}
                  </th>
                  <th scope="col" className={th}>
                    {words.usage}
                  </th>
                  <th scope="col" className={th}>
                    {words.created}
                  </th>
                  {isAdmin && <th scope="col" className={th} />}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {templates.value.map((template) => (
                  <tr key={template.templateId} data-testid={`template-${template.templateId}`}>
                    <td className="py-2 pr-3 font-mono text-xs">{template.templateId}</td>
                    <td className="py-2 pr-3">{template.userVersion}</td>
                    <td className="py-2 pr-3 text-slate-600">{template.userDesc}</td>
                    <td className="py-2 pr-3">
                      <Badge tone={template.templateType === 1 ? "blue" : "slate"}>
                        {template.templateType === 1 ? words.standard : words.ordinary}
                      </Badge>
                    </td>
                    <td className="py-2 pr-3 text-xs text-slate-600">
                      {fill(words.usageFigures, {
                        released: template.releasedCount,
                        trial: template.trialCount,
                        review: template.inReviewCount,
                      })}
                    </td>
                    <td className="py-2 pr-3 text-xs text-slate-500">
                      <DateTime value={template.createdAt.toISOString()} locale={locale} />
                    </td>
                    {isAdmin && (
                      <td className="py-2">
                        <DeleteTemplateButton
                          templateId={template.templateId}
                          releasedCount={template.releasedCount}
                          platform={platformField}
                          t={words}
                          locale={locale}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card id="drafts" title={words.drafts} actions={"value" in drafts && <Badge>{drafts.value.length}</Badge>}>
        {"reason" in drafts ? (
          <p className="text-sm text-red-700">{fill(words.unavailable, { message: drafts.reason })}</p>
        ) : drafts.value.length === 0 ? (
          <EmptyState title={words.noDrafts} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {drafts.value.map((draft) => (
              <li
                key={draft.draftId}
                className="flex flex-wrap items-center justify-between gap-3 py-2"
                data-testid={`draft-${draft.draftId}`}
              >
                <div className="min-w-0 text-sm">
                  <span className="mr-2 font-mono text-xs text-slate-500">#{draft.draftId}</span>
                  <span className="font-medium text-slate-900">{draft.userVersion}</span>
                  <span className="ml-2 text-slate-600">{draft.userDesc}</span>
                  <span className="ml-2 text-xs text-slate-500">
                    <DateTime value={draft.createdAt.toISOString()} locale={locale} />
                  </span>
                </div>
                {isAdmin && <AddDraftForm draftId={draft.draftId} platform={platformField} t={words} locale={locale} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
