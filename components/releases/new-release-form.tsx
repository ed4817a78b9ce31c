"use client";

import { startTransition, useActionState, useState, type MouseEvent } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { createReleaseAction, previewReleaseAction } from "@/app/(admin)/_actions/releases";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { refusalText } from "../mini-programs/refusal-text";
import { TemplateSelect, type TTemplateChoice } from "../mini-programs/template-select";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { PlatformInput } from "../ui/platform-input";
import { buttonStyles, inputStyles } from "../ui/styles";

// The new-campaign wizard: the version, the ext_json template, the accounts; Preview shows how many accounts, the
// review slots left this month and how many of the accounts they cover, and the first account's ext_json, before
// Start creates it.

type TWords = TDictionary["releases"];

export function NewReleaseForm({
  templates,
  platform,
  t,
  locale,
}: {
  templates: TTemplateChoice[];
  platform?: string;
  t: TWords;
  locale: TLocale;
}) {
  const [preview, previewAction, isPreviewing] = useActionState(previewReleaseAction, IDLE);
  const [created, createAction, isCreating] = useActionState(createReleaseAction, IDLE);
  const [targets, setTargets] = useState<"all" | "list" | "csv">("all");
  const [isSubmitAudit, setSubmitAudit] = useState(true);
  const plan = preview.status === "done" ? preview.preview : null;
  // The actions are dispatched with the form's data rather than as the form's action: React resets a form after its
  // action, and a preview must leave what was typed in place.
  const dispatch = (action: (data: FormData) => void) => (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    if (form) startTransition(() => action(new FormData(form)));
  };
  const failure = preview.status === "error" ? preview : created.status === "error" ? created : null;
  return (
    <form className="space-y-4" aria-label={t.newCampaign} onSubmit={(event) => event.preventDefault()}>
      <PlatformInput platform={platform} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="release-name" label={t.name}>
          <input id="release-name" name="name" maxLength={100} className={inputStyles} />
        </Field>
        <TemplateSelect id="release-template" label={t.template} templates={templates} />
        <Field id="release-version" label={t.userVersion}>
          <input id="release-version" name="userVersion" required maxLength={64} className={inputStyles} />
        </Field>
        <Field id="release-desc" label={t.userDesc}>
          <input id="release-desc" name="userDesc" maxLength={1000} className={inputStyles} />
        </Field>
      </div>
      <Field id="release-ext-json" label={t.extJson} hint={t.extJsonHint}>
        <textarea
          id="release-ext-json"
          name="extJson"
          rows={5}
          defaultValue={'{\n  "extAppid": "{{appid}}",\n  "ext": { "shopName": "{{nickName}}" }\n}'}
          className={`${inputStyles} font-mono text-xs`}
          spellCheck={false}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t.targets}</legend>
        {(["all", "list", "csv"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name="targets" value={mode} checked={targets === mode} onChange={() => setTargets(mode)} />
            {mode === "all" ? t.targetsAll : mode === "list" ? t.targetsList : t.targetsCsv}
          </label>
        ))}
        {targets === "list" && (
          <Field id="release-appids" label={t.appids}>
            <textarea id="release-appids" name="appids" rows={4} className={`${inputStyles} font-mono text-xs`} spellCheck={false} />
          </Field>
        )}
        {targets === "csv" && (
          <Field id="release-csv" label={t.csv}>
            <textarea
              id="release-csv"
              name="csv"
              rows={4}
              className={`${inputStyles} font-mono text-xs`}
              spellCheck={false}
              placeholder="appid,shopName"
            />
          </Field>
        )}
      </fieldset>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="submitAudit" checked={isSubmitAudit} onChange={(event) => setSubmitAudit(event.target.checked)} />
          {t.submitAudit}
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="autoRelease" disabled={!isSubmitAudit} />
          {t.autoRelease}
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="speedUp" disabled={!isSubmitAudit} />
          {t.speedUp}
        </label>
        <Field id="release-gray" label={t.grayPercentage}>
          <input id="release-gray" name="grayPercentage" type="number" min={1} max={100} className={`${inputStyles} w-24`} />
        </Field>
      </div>
      {plan && (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3" role="status" data-testid="release-plan">
          <p className="text-sm text-slate-800">
            {plan.quota
              ? fill(t.plan, {
                  total: plan.total,
                  rest: plan.quota.rest,
                  limit: plan.quota.limit,
                  now: plan.submittableNow,
                  waiting: plan.waitingForQuota,
                })
              : fill(t.planNoSubmit, { total: plan.total })}
          </p>
          {plan.quota && (
            <p className="text-xs text-slate-600">
              {fill(t.planSpeedup, { rest: plan.quota.speedupRest, limit: plan.quota.speedupLimit })}
            </p>
          )}
          {plan.quota && (
            <div className="flex h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden>
              <div className="bg-brand-500" style={{ width: `${(plan.submittableNow / Math.max(1, plan.total)) * 100}%` }} />
              <div className="bg-amber-400" style={{ width: `${(plan.waitingForQuota / Math.max(1, plan.total)) * 100}%` }} />
            </div>
          )}
          <p className="text-xs font-medium text-slate-500">{fill(t.sample, { appid: plan.sample.appid })}</p>
          <pre className="max-h-40 overflow-auto rounded bg-white p-2 text-xs text-slate-800">{plan.sample.extJson}</pre>
        </div>
      )}
      {failure && (
        <Alert tone="danger" role="alert">
          {refusalText(failure, locale)}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={dispatch(previewAction)} disabled={isPreviewing} className={buttonStyles.secondary}>
          {isPreviewing ? t.previewing : t.preview}
        </button>
        <button type="button" onClick={dispatch(createAction)} disabled={isCreating || !plan} className={buttonStyles.primary}>
          {isCreating ? t.starting : t.start}
        </button>
      </div>
    </form>
  );
}
