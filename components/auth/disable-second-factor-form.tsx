"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { disableSecondFactorAction } from "@/app/(admin)/_actions/second-factor";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";

/** Turning one's second factor off: a current code, an unused recovery code or the password proves it is the user. */
export function DisableSecondFactorForm({ t }: { t: TDictionary }) {
  const words = t.secondFactor;
  const [state, action, isPending] = useActionState(disableSecondFactorAction, IDLE);
  return (
    <form action={action} className="max-w-sm space-y-3">
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
      <Field id="second-factor-proof" label={words.proof} hint={words.proofHint}>
        <input id="second-factor-proof" name="proof" type="password" autoComplete="off" required className={inputStyles} />
      </Field>
      <button type="submit" disabled={isPending} className={buttonStyles.danger}>
        {isPending ? words.disabling : words.disable}
      </button>
    </form>
  );
}
