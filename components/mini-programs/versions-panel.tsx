import { releaseCodeAction, speedUpAuditAction, undoAuditAction, visitStatusAction } from "@/app/(admin)/_actions/mini-programs";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import type { TMiniProgramCode } from "@/lib/platform/mini-programs/code-state";
import { Badge, type TTone } from "../ui/badge";
import { DateTime } from "../ui/date-time";
import { ConfirmedAction } from "./confirmed-action";
import type { TTemplateChoice } from "./template-select";
import { CommitForm, GrayReleaseForm, RollbackForm, SubmitAuditForm, type TAccountFields, type TCategoryChoice } from "./version-forms";

// 版本管理 / Versions: a Mini Program's live, in-review and trial versions side by side, and what can be done next.
// Actions appear only when WeChat would take them (a submit needs a trial and no review in progress, a release a
// passed review not yet live); the server checks again.

export type TVersionsData =
  | {
      kind: "ready";
      code: TMiniProgramCode;
      templates: TTemplateChoice[];
      categories: TCategoryChoice[];
      pages: string[];
      history: { appVersion: number; userVersion: string }[];
    }
  | { kind: "needs_scope" }
  | { kind: "unavailable"; message: string };

const AUDIT_TONES: Record<NonNullable<TMiniProgramCode["audit"]>["status"], TTone> = {
  in_review: "blue",
  delayed: "amber",
  passed: "green",
  failed: "red",
  withdrawn: "slate",
};

function Slot({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-1 rounded-lg border border-slate-200 p-3" data-testid={testId}>
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </div>
  );
}

const When = ({ template, at, locale }: { template: string; at: Date | null; locale: TLocale }) =>
  at ? (
    <p className="text-xs text-slate-500">
      {template.split("{time}")[0]}
      <DateTime value={at.toISOString()} locale={locale} />
      {template.split("{time}")[1]}
    </p>
  ) : null;

export function VersionsPanel({
  data,
  account,
  isAdmin,
  previewValues,
  t,
  locale,
}: {
  data: TVersionsData;
  account: TAccountFields;
  isAdmin: boolean;
  previewValues: Record<string, string>;
  t: TDictionary;
  locale: TLocale;
}) {
  const words = t.versions;
  if (data.kind === "needs_scope") return <p className="text-sm text-amber-800">{words.needsScope}</p>;
  if (data.kind === "unavailable") return <p className="text-sm text-red-700">{fill(words.unavailable, { message: data.message })}</p>;
  const { code } = data;
  const { trial, audit, released } = code;
  const isPending = audit?.status === "in_review" || audit?.status === "delayed";
  const isReleasable = audit?.status === "passed" && !audit.isReleased;
  const platformQuery = account.platform ? `?platform=${account.platform}` : "";
  const common = { account, t: words, locale };
  const confirmed = { cancelLabel: words.cancel, doneLabel: words.done, locale };
  const accountFields = { appid: account.appid, platform: account.platform };
  return (
    <div className="space-y-5">
      <div className="grid gap-3 md:grid-cols-3">
        <Slot title={words.released} testId="version-released">
          {released ? (
            <>
              <p className="font-medium text-slate-900">{fill(words.version, { version: released.version })}</p>
              <p className="text-sm text-slate-600">{released.description}</p>
              <When template={words.releasedAt} at={released.releasedAt} locale={locale} />
              <div className="flex flex-wrap gap-1">
                {code.grayPercentage !== null && <Badge tone="amber">{fill(words.gray, { percentage: code.grayPercentage })}</Badge>}
                {code.isVisitOpen === false ? (
                  <Badge tone="red">{words.visitsClosed}</Badge>
                ) : (
                  <Badge tone="green">{words.visitsOpen}</Badge>
                )}
              </div>
            </>
          ) : (
            <p className="text-sm text-slate-500">{words.none}</p>
          )}
        </Slot>
        <Slot title={words.review} testId="version-review">
          {audit ? (
            <>
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                {audit.version ? fill(words.version, { version: audit.version }) : audit.auditId}
                <Badge tone={AUDIT_TONES[audit.status]}>{words.auditStatus[audit.status]}</Badge>
                {audit.isSpedUp && <Badge tone="blue">{words.spedUp}</Badge>}
              </p>
              {audit.reason && (
                <div className="rounded-md bg-red-50 p-2 text-xs text-red-800" data-testid="audit-reason">
                  <span className="font-medium">{words.reason}: </span>
                  {audit.reason.split(/<br\s*\/?>/i).map((line, index) => (
                    <span key={index} className="block">
                      {line}
                    </span>
                  ))}
                </div>
              )}
              {audit.screenshots.length > 0 && (
                <p className="break-all text-xs text-slate-500">{fill(words.screenshots, { ids: audit.screenshots.join(", ") })}</p>
              )}
              <When template={words.submittedAt} at={audit.submittedAt} locale={locale} />
              <When template={words.decidedAt} at={audit.decidedAt} locale={locale} />
            </>
          ) : (
            <p className="text-sm text-slate-500">{words.none}</p>
          )}
        </Slot>
        <Slot title={words.trial} testId="version-trial">
          {trial ? (
            <>
              <p className="font-medium text-slate-900">{fill(words.version, { version: trial.version })}</p>
              <p className="text-sm text-slate-600">{trial.description}</p>
              {trial.templateId !== null && <p className="text-xs text-slate-500">{fill(words.templateId, { id: trial.templateId })}</p>}
              <When template={words.committedAt} at={trial.committedAt} locale={locale} />
              {/* eslint-disable-next-line @next/next/no-img-element -- a JPEG streamed from WeChat through wxopen */}
              <img
                src={`/api/admin/authorizers/${account.appid}/trial-qrcode${platformQuery}`}
                alt={fill(words.version, { version: trial.version })}
                width={128}
                height={128}
                className="h-32 w-32 rounded border border-slate-200 bg-white p-1"
              />
            </>
          ) : (
            <p className="text-sm text-slate-500">{words.none}</p>
          )}
        </Slot>
      </div>
      {code.checkedAt && <When template={words.checkedAt} at={code.checkedAt} locale={locale} />}

      <div className="flex flex-wrap gap-3">
        {isPending && (
          <>
            <ConfirmedAction
              action={undoAuditAction}
              fields={accountFields}
              label={words.undo}
              confirmLabel={words.confirmUndo}
              {...confirmed}
            />
            {!audit?.isSpedUp && (
              <ConfirmedAction action={speedUpAuditAction} fields={accountFields} label={words.speedUp} {...confirmed} />
            )}
          </>
        )}
        {isAdmin && isReleasable && (
          <ConfirmedAction
            action={releaseCodeAction}
            fields={accountFields}
            label={words.release}
            confirmLabel={fill(words.confirmRelease, { version: audit?.version ?? "" })}
            tone="primary"
            {...confirmed}
          />
        )}
        {isAdmin && released && (
          <ConfirmedAction
            action={visitStatusAction}
            fields={{ ...accountFields, status: code.isVisitOpen === false ? "open" : "close" }}
            label={code.isVisitOpen === false ? words.openVisits : words.closeVisits}
            confirmLabel={code.isVisitOpen === false ? undefined : words.confirmClose}
            tone={code.isVisitOpen === false ? "secondary" : "danger"}
            {...confirmed}
          />
        )}
      </div>
      {isPending && <p className="text-xs text-slate-500">{words.undoHelp}</p>}
      {!isAdmin && <p className="text-xs text-slate-500">{words.adminOnly}</p>}

      {isAdmin && released && (
        <div className="grid gap-4 border-t border-slate-100 pt-4 md:grid-cols-2">
          {audit?.status === "passed" && <GrayReleaseForm {...common} />}
          <RollbackForm history={data.history} {...common} />
        </div>
      )}

      {trial && !isPending && data.categories.length > 0 && (
        <section className="space-y-2 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">{words.submit}</h3>
          <SubmitAuditForm categories={data.categories} pages={data.pages} {...common} />
        </section>
      )}
      <section className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">{words.commit}</h3>
        <CommitForm templates={data.templates} previewValues={previewValues} {...common} />
      </section>
    </div>
  );
}
