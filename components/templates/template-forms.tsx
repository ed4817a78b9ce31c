"use client";

import { useActionState, useState } from "react";
import { IDLE, type TActionState } from "@/app/(admin)/_actions/action-state";
import { addDraftAction, deleteTemplateAction } from "@/app/(admin)/_actions/templates";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { refusalText } from "../mini-programs/refusal-text";
import { PlatformInput } from "../ui/platform-input";
import { buttonStyles } from "../ui/styles";

type TWords = TDictionary["templates"];

function ErrorLine({ state, locale }: { state: TActionState<object>; locale: TLocale }) {
  if (state.status !== "error") return null;
  return (
    <span role="alert" className="text-xs text-red-700">
      {refusalText(state, locale)}
    </span>
  );
}

/** Adds one draft to the library, as an ordinary template or, ticked, a standard one. */
export function AddDraftForm({ draftId, platform, t, locale }: { draftId: number; platform?: string; t: TWords; locale: TLocale }) {
  const [state, action, isPending] = useActionState(addDraftAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="draftId" value={draftId} />
      <PlatformInput platform={platform} />
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" name="standard" />
        {t.asStandard}
      </label>
      <button type="submit" disabled={isPending} className={buttonStyles.small}>
        {isPending ? t.adding : t.add}
      </button>
      {state.status === "done" && <span className="text-xs text-brand-700">{t.added}</span>}
      <ErrorLine state={state} locale={locale} />
    </form>
  );
}

/** Deletes a template after a confirmation that names how many Mini Programs run it live. */
export function DeleteTemplateButton({
  templateId,
  releasedCount,
  platform,
  t,
  locale,
}: {
  templateId: number;
  releasedCount: number;
  platform?: string;
  t: TWords;
  locale: TLocale;
}) {
  const [state, action, isPending] = useActionState(deleteTemplateAction, IDLE);
  const [isConfirming, setConfirming] = useState(false);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" onSubmit={() => setConfirming(false)}>
      <input type="hidden" name="templateId" value={templateId} />
      <PlatformInput platform={platform} />
      {isConfirming ? (
        <>
          <button type="submit" disabled={isPending} className={buttonStyles.danger}>
            {fill(t.confirmDelete, { count: releasedCount })}
          </button>
          <button type="button" className={buttonStyles.small} onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        </>
      ) : (
        <button type="button" className={buttonStyles.small} onClick={() => setConfirming(true)} aria-label={`${t.delete} ${templateId}`}>
          {t.delete}
        </button>
      )}
      <ErrorLine state={state} locale={locale} />
    </form>
  );
}
