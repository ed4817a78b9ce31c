"use client";

import { useActionState, useState } from "react";
import { createInvitation } from "@/app/(admin)/_actions/invitations";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { Alert } from "../ui/alert";
import { buttonStyles, inputStyles, labelStyles } from "../ui/styles";
import { InvitationResult } from "./invitation-result";
import { PlatformInput } from "../ui/platform-input";

export type TScopeOption = { id: number; name: string };

/** auth_type 1 lists only official accounts and 2 only mini programs, so only their permission sets apply. */
const KIND_OF_AUTH_TYPE: Record<number, "official_account" | "mini_program" | undefined> = { 1: "official_account", 2: "mini_program" };

/** Create an invitation: account kind (auth_type 1/2/3), an optional appid, optional scopes grouped by kind. */
export function InvitationForm({
  t,
  locale,
  scopeGroups,
  platform,
}: {
  t: TDictionary;
  locale: TLocale;
  /** An added platform's component appid (the invitation is for it); absent for the default platform. */
  platform?: string;
  scopeGroups: { kind: "official_account" | "mini_program"; label: string; scopes: TScopeOption[] }[];
}) {
  const [state, action, isPending] = useActionState(createInvitation, IDLE);
  const [authType, setAuthType] = useState(3);
  const onlyKind = KIND_OF_AUTH_TYPE[authType];
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-6">
        <PlatformInput platform={platform} />
        {state.status === "error" && (
          <Alert tone="danger" role="alert">
            {state.message}
          </Alert>
        )}
        <fieldset className="space-y-2">
          <legend className={labelStyles}>{t.invite.kind}</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {[
              { value: 3, label: t.invite.authType3 },
              { value: 1, label: t.invite.authType1 },
              { value: 2, label: t.invite.authType2 },
            ].map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="authType"
                  value={option.value}
                  checked={authType === option.value}
                  onChange={() => setAuthType(option.value)}
                  className="accent-brand-600"
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="max-w-md space-y-1">
          <label htmlFor="bizAppid" className={labelStyles}>
            {t.invite.appid}
          </label>
          <input
            id="bizAppid"
            name="bizAppid"
            placeholder="wx0123456789abcdef"
            autoComplete="off"
            spellCheck={false}
            className={`${inputStyles} font-mono`}
            aria-describedby="bizAppid-help"
          />
          <p id="bizAppid-help" className="text-xs text-slate-500">
            {t.invite.appidHelp}
          </p>
        </div>
        <fieldset className="space-y-3">
          <legend className={labelStyles}>{t.invite.scopes}</legend>
          <p className="text-xs text-slate-500">{t.invite.scopesHelp}</p>
          <div className="grid gap-4 lg:grid-cols-2">
            {scopeGroups.map((group) => (
              // A disabled fieldset submits none of its boxes; hidden keeps what was ticked for when the kind changes back.
              <fieldset
                key={group.kind}
                disabled={Boolean(onlyKind && onlyKind !== group.kind)}
                hidden={Boolean(onlyKind && onlyKind !== group.kind)}
                className="rounded-lg border border-slate-200 bg-white p-3"
              >
                <legend className="px-1 text-xs font-semibold text-slate-700">{group.label}</legend>
                <div className="grid gap-1.5 sm:grid-cols-2">
                  {group.scopes.map((scope) => (
                    <label key={scope.id} className="flex items-start gap-2 text-sm text-slate-700">
                      <input type="checkbox" name="scope" value={scope.id} className="mt-0.5 accent-brand-600" />
                      <span>
                        {scope.name}{" "}
                        <span aria-hidden="true" className="text-xs text-slate-400">
                          #{scope.id}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={isPending} className={buttonStyles.primary}>
          {isPending ? t.invite.submitting : t.invite.submit}
        </button>
      </form>
      {state.status === "done" && <InvitationResult invitation={state} t={t} locale={locale} />}
    </div>
  );
}
