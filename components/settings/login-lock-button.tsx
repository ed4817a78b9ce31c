"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { liftLoginLockAction } from "@/app/(admin)/_actions/users";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { buttonStyles } from "../ui/styles";

/** Lifts the sign-in lock on one email (every address it was locked from). */
export function LiftLoginLockButton({ email, t }: { email: string; t: TDictionary }) {
  const [state, action, isPending] = useActionState(liftLoginLockAction, IDLE);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="email" value={email} />
      <button type="submit" disabled={isPending} aria-label={`${t.settings.liftLock}: ${email}`} className={buttonStyles.small}>
        {t.settings.liftLock}
      </button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
