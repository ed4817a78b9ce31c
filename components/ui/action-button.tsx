"use client";

import { useActionState } from "react";
import type { TActionState } from "@/app/(admin)/_actions/action-state";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { buttonStyles } from "./styles";

type TAction = (previous: TActionState<object>, form: FormData) => Promise<TActionState<object>>;

/** One button that posts its hidden fields to a server action and shows the action's error under it. */
export function ActionButton({
  action: serverAction,
  fields,
  label,
  ariaLabel,
  className = buttonStyles.small,
}: {
  action: TAction;
  fields: Record<string, string>;
  label: string;
  ariaLabel?: string;
  className?: string;
}) {
  const [state, action, isPending] = useActionState(serverAction, IDLE);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={isPending} aria-label={ariaLabel} className={className}>
        {label}
      </button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
