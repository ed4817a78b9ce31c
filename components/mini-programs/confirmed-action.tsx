"use client";

import { useActionState, useState } from "react";
import { IDLE, type TActionState } from "@/app/(admin)/_actions/action-state";
import type { TLocale } from "@/lib/i18n/locale";
import { Alert } from "../ui/alert";
import { buttonStyles } from "../ui/styles";
import { refusalText } from "./refusal-text";

type TAnyAction = (previous: TActionState<object>, form: FormData) => Promise<TActionState<object>>;

/**
 * A button that posts `fields` to a server action, asking once more first when it has a `confirmLabel` (release,
 * undo, rollback, cancelling a campaign). A failure shows WeChat's refusal explained in the reader's language.
 */
export function ConfirmedAction<T extends object>({
  action: serverAction,
  fields,
  label,
  confirmLabel,
  cancelLabel,
  doneLabel,
  locale,
  tone = "secondary",
}: {
  action: (previous: TActionState<T>, form: FormData) => Promise<TActionState<T>>;
  /** The hidden fields posted (absent values are left out). */
  fields: Record<string, string | undefined>;
  label: string;
  confirmLabel?: string;
  cancelLabel: string;
  /** Shown once it is done (nothing when the page redraws anyway). */
  doneLabel?: string;
  locale: TLocale;
  tone?: "primary" | "secondary" | "danger";
}) {
  // Any action's result is only read for its status here, so its own fields' type does not matter.
  const [state, action, isPending] = useActionState(serverAction as unknown as TAnyAction, IDLE);
  const [isConfirming, setConfirming] = useState(false);
  return (
    <form action={action} className="space-y-2" onSubmit={() => setConfirming(false)}>
      {Object.entries(fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {confirmLabel && !isConfirming ? (
        <button type="button" className={buttonStyles[tone]} onClick={() => setConfirming(true)}>
          {label}
        </button>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={isPending} className={buttonStyles[tone]}>
            {confirmLabel ?? label}
          </button>
          {confirmLabel && (
            <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)}>
              {cancelLabel}
            </button>
          )}
        </div>
      )}
      {state.status === "done" && doneLabel && (
        <Alert tone="success" role="status">
          {doneLabel}
        </Alert>
      )}
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {refusalText(state, locale)}
        </Alert>
      )}
    </form>
  );
}
