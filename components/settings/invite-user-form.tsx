"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { inviteUserAction } from "@/app/(admin)/_actions/users";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";

export function InviteUserForm({ t }: { t: TDictionary }) {
  const [state, action, isPending] = useActionState(inviteUserAction, IDLE);
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-[2fr_1.5fr_1fr_auto] sm:items-end">
        <Field id="invite-email" label={t.settings.email}>
          <input id="invite-email" name="email" type="email" required autoComplete="off" className={inputStyles} />
        </Field>
        <Field id="invite-name" label={t.settings.name}>
          <input id="invite-name" name="name" autoComplete="off" className={inputStyles} />
        </Field>
        <Field id="invite-role" label={t.settings.role}>
          <select id="invite-role" name="role" defaultValue="operator" className={inputStyles}>
            <option value="operator">{t.roles.operator}</option>
            <option value="admin">{t.roles.admin}</option>
          </select>
        </Field>
        <button type="submit" disabled={isPending} className={buttonStyles.primary}>
          {isPending ? t.settings.inviting : t.settings.invite}
        </button>
      </form>
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
      {state.status === "done" && (
        <Alert tone="success" role="status">
          {fill(t.settings.invited, { email: state.email })}{" "}
          <code
            aria-label={t.settings.passwordLink}
            className="block break-all rounded bg-white px-1.5 py-0.5 font-mono text-slate-900 ring-1 ring-brand-100"
          >
            {state.link}
          </code>
        </Alert>
      )}
    </div>
  );
}
