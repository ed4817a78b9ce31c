"use client";

import { useActionState } from "react";
import type { TActionState } from "@/app/(admin)/_actions/action-state";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";

type TPasswordAction = (previous: TActionState<object>, form: FormData) => Promise<TActionState<object>>;

/** New password twice (and the current one when changing it); the server checks everything again. */
export function PasswordForm({
  action: serverAction,
  withCurrent = false,
  hidden = {},
  words,
  minLength,
  doneMessage,
}: {
  action: TPasswordAction;
  withCurrent?: boolean;
  hidden?: Record<string, string>;
  /** The password policy's minimum (the server checks it again, with the rest of the policy). */
  minLength: number;
  words: TDictionary["password"];
  doneMessage?: string;
}) {
  const [state, action, isPending] = useActionState(serverAction, { status: "idle" });
  const fields = [
    ...(withCurrent ? [{ id: "current-password", name: "currentPassword", label: words.current, autoComplete: "current-password" }] : []),
    { id: "new-password", name: "password", label: words.new, autoComplete: "new-password" },
    { id: "confirm-password", name: "confirmation", label: words.confirm, autoComplete: "new-password" },
  ];
  return (
    <form action={action} className="max-w-sm space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
      {state.status === "done" && doneMessage && (
        <Alert tone="success" role="status">
          {doneMessage}
        </Alert>
      )}
      {fields.map(({ id, name, label, autoComplete }) => (
        <Field key={id} id={id} label={label}>
          <input
            id={id}
            name={name}
            type="password"
            autoComplete={autoComplete}
            required
            minLength={name === "currentPassword" ? undefined : minLength}
            className={inputStyles}
          />
        </Field>
      ))}
      <p className="text-xs text-slate-500">{words.hint.replace("{min}", String(minLength))}</p>
      <button type="submit" disabled={isPending} className={buttonStyles.primary}>
        {isPending ? words.saving : words.save}
      </button>
    </form>
  );
}
