"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(admin)/_actions/api-keys";
import { API_KEY_EXPIRY_DAYS } from "@/lib/auth/api-key-expiry";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { CopyButton } from "../invite/copy-button";
import { ActionButton } from "../ui/action-button";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";
import { PlatformCheckboxes } from "../ui/platform-checkboxes";

/** A platform a key may be limited to (the form shows the choice when there is more than one). */
export type TKeyPlatformChoice = { componentAppid: string; name: string };

export function CreateApiKeyForm({ t, platforms = [] }: { t: TDictionary; platforms?: TKeyPlatformChoice[] }) {
  const [state, action, isPending] = useActionState(createApiKeyAction, IDLE);
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <Field id="key-name" label={t.settings.keyName}>
          <input id="key-name" name="name" required maxLength={100} autoComplete="off" className={inputStyles} />
        </Field>
        <Field id="key-role" label={t.settings.keyRole}>
          <select id="key-role" name="role" defaultValue="reader" className={inputStyles}>
            <option value="reader">{t.roles.reader}</option>
            <option value="operator">{t.roles.operator}</option>
            <option value="admin">{t.roles.admin}</option>
          </select>
        </Field>
        <Field id="key-expiry" label={t.settings.keyExpiry}>
          <select id="key-expiry" name="expiresInDays" defaultValue="" className={inputStyles}>
            <option value="">{t.settings.keyNeverExpires}</option>
            {API_KEY_EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>
                {t.settings.keyExpiresInDays.replace("{days}", String(days))}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={isPending} className={buttonStyles.primary}>
          {isPending ? t.settings.creatingKey : t.settings.createKey}
        </button>
        <PlatformCheckboxes platforms={platforms} legend={t.settings.keyPlatforms} className="sm:col-span-4" />
      </form>
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
      {state.status === "done" && (
        <Alert tone="success" role="status">
          <p>{t.settings.keyCreated}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              aria-label={state.name}
              className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-brand-100"
            >
              {state.key}
            </code>
            <CopyButton value={state.key} label={t.common.copy} copiedLabel={t.common.copied} />
          </div>
        </Alert>
      )}
    </div>
  );
}

export function RevokeApiKeyButton({ id, name, t }: { id: string; name: string; t: TDictionary }) {
  return (
    <ActionButton
      action={revokeApiKeyAction}
      fields={{ id }}
      label={t.settings.revoke}
      ariaLabel={`${t.settings.revoke}: ${name}`}
      className={`${buttonStyles.small} text-red-700 ring-red-200 hover:bg-red-50`}
    />
  );
}
