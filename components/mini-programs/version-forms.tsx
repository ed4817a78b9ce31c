"use client";

import { useActionState, useMemo, useState } from "react";
import { IDLE, type TActionState } from "@/app/(admin)/_actions/action-state";
import { commitCodeAction, grayReleaseAction, rollbackCodeAction, submitAuditAction } from "@/app/(admin)/_actions/mini-programs";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { refusalText } from "./refusal-text";
import { TemplateSelect, type TTemplateChoice } from "./template-select";
import { fillExtJson } from "@/lib/platform/mini-programs/ext-json-template";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { PlatformInput } from "../ui/platform-input";
import { buttonStyles, inputStyles } from "../ui/styles";

// The Versions panel's forms. Each posts to its server action with the account's appid and platform; a WeChat refusal
// is explained in the reader's language from its errcode (lib/wechat/code-errors.ts), WeChat's own words beneath.

type TWords = TDictionary["versions"];
export type TAccountFields = { appid: string; platform?: string };

function Outcome({ state, t, locale }: { state: TActionState<object>; t: TWords; locale: TLocale }) {
  if (state.status === "done")
    return (
      <Alert tone="success" role="status">
        {t.done}
      </Alert>
    );
  if (state.status !== "error") return null;
  return (
    <Alert tone="danger" role="alert">
      {refusalText(state, locale)}
    </Alert>
  );
}

function AccountInputs({ account }: { account: TAccountFields }) {
  return (
    <>
      <input type="hidden" name="appid" value={account.appid} />
      <PlatformInput platform={account.platform} />
    </>
  );
}

/** The ext_json as this account will get it, or why it is not valid JSON yet. */
const previewOf = (template: string, values: Record<string, string>) => {
  try {
    return { text: JSON.stringify(JSON.parse(fillExtJson(template, values)), null, 2) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

export function CommitForm({
  account,
  templates,
  previewValues,
  t,
  locale,
}: {
  account: TAccountFields;
  templates: TTemplateChoice[];
  previewValues: Record<string, string>;
  t: TWords;
  locale: TLocale;
}) {
  const [state, action, isPending] = useActionState(commitCodeAction, IDLE);
  const [extJson, setExtJson] = useState('{\n  "extAppid": "{{appid}}",\n  "ext": { "shopName": "{{nickName}}" }\n}');
  const preview = useMemo(() => previewOf(extJson, previewValues), [extJson, previewValues]);
  if (templates.length === 0) return <p className="text-sm text-slate-500">{t.noTemplates}</p>;
  return (
    <form action={action} className="space-y-3" aria-label={t.commit}>
      <AccountInputs account={account} />
      <TemplateSelect id="commit-template" label={t.template} templates={templates} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="commit-ext-json" label={t.extJson} hint={t.extJsonHint}>
          <textarea
            id="commit-ext-json"
            name="extJson"
            rows={7}
            value={extJson}
            onChange={(event) => setExtJson(event.target.value)}
            className={`${inputStyles} font-mono text-xs`}
            spellCheck={false}
          />
        </Field>
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">{t.preview}</p>
          {"text" in preview ? (
            <pre data-testid="ext-json-preview" className="max-h-44 overflow-auto rounded-lg bg-slate-50 p-2 text-xs text-slate-800">
              {preview.text}
            </pre>
          ) : (
            <p className="text-xs text-red-700">{fill(t.previewError, { message: preview.error ?? "" })}</p>
          )}
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="commit-version" label={t.userVersion}>
          <input id="commit-version" name="userVersion" required maxLength={64} className={inputStyles} />
        </Field>
        <Field id="commit-desc" label={t.userDesc}>
          <input id="commit-desc" name="userDesc" maxLength={1000} className={inputStyles} />
        </Field>
      </div>
      <button type="submit" disabled={isPending} className={buttonStyles.primary}>
        {isPending ? t.committing : t.commit}
      </button>
      <Outcome state={state} t={t} locale={locale} />
    </form>
  );
}

export type TCategoryChoice = { label: string; value: string };

export function SubmitAuditForm({
  account,
  categories,
  pages,
  t,
  locale,
}: {
  account: TAccountFields;
  categories: TCategoryChoice[];
  pages: string[];
  t: TWords;
  locale: TLocale;
}) {
  const [state, action, isPending] = useActionState(submitAuditAction, IDLE);
  return (
    <form action={action} className="space-y-3" aria-label={t.submit}>
      <AccountInputs account={account} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="audit-category" label={t.category}>
          <select id="audit-category" name="category" className={inputStyles}>
            {categories.map((category) => (
              <option key={category.value} value={category.value}>
                {category.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-page" label={t.page}>
          <select id="audit-page" name="page" className={inputStyles}>
            {pages.map((page) => (
              <option key={page} value={page}>
                {page}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="audit-desc" label={t.versionDesc}>
        <input id="audit-desc" name="versionDesc" maxLength={2000} className={inputStyles} />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="privacyApiNotUse" />
        {t.privacyApiNotUse}
      </label>
      <button type="submit" disabled={isPending} className={buttonStyles.primary}>
        {isPending ? t.submitting : t.submit}
      </button>
      <Outcome state={state} t={t} locale={locale} />
    </form>
  );
}

export function GrayReleaseForm({ account, t, locale }: { account: TAccountFields; t: TWords; locale: TLocale }) {
  const [state, action, isPending] = useActionState(grayReleaseAction, IDLE);
  return (
    <form action={action} className="space-y-2" aria-label={t.grayRelease}>
      <AccountInputs account={account} />
      <div className="flex items-end gap-2">
        <Field id="gray-percentage" label={t.percentage}>
          <input id="gray-percentage" name="percentage" type="number" min={1} max={100} required className={`${inputStyles} w-24`} />
        </Field>
        <button type="submit" disabled={isPending} className={buttonStyles.secondary}>
          {t.grayRelease}
        </button>
      </div>
      <Outcome state={state} t={t} locale={locale} />
    </form>
  );
}

export function RollbackForm({
  account,
  history,
  t,
  locale,
}: {
  account: TAccountFields;
  history: { appVersion: number; userVersion: string }[];
  t: TWords;
  locale: TLocale;
}) {
  const [state, action, isPending] = useActionState(rollbackCodeAction, IDLE);
  const [isConfirming, setConfirming] = useState(false);
  return (
    <form action={action} className="space-y-2" aria-label={t.rollback} onSubmit={() => setConfirming(false)}>
      <AccountInputs account={account} />
      <Field id="rollback-version" label={t.rollbackTo}>
        <select id="rollback-version" name="appVersion" className={inputStyles}>
          <option value="">{t.previousVersion}</option>
          {history.map((version) => (
            <option key={version.appVersion} value={version.appVersion}>
              {version.userVersion} (app_version {version.appVersion})
            </option>
          ))}
        </select>
      </Field>
      {isConfirming ? (
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={isPending} className={buttonStyles.danger}>
            {t.confirmRollback}
          </button>
          <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </div>
      ) : (
        <button type="button" className={buttonStyles.danger} onClick={() => setConfirming(true)}>
          {t.rollback}
        </button>
      )}
      <Outcome state={state} t={t} locale={locale} />
    </form>
  );
}
