"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { addPlatformAction, setPlatformEnabledAction } from "@/app/(admin)/_actions/platforms";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { CopyButton } from "../invite/copy-button";
import { ActionButton } from "../ui/action-button";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";

/** A URL to paste into WeChat's console, with its copy button. */
export function PlatformUrl({ label, value, t }: { label: string; value: string; t: TDictionary }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="w-48 shrink-0 text-xs text-slate-500">{label}</span>
      <code aria-label={label} className="break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-slate-200">
        {value}
      </code>
      <CopyButton value={value} label={t.common.copy} copiedLabel={t.common.copied} />
    </div>
  );
}

/** Adds a platform: the secrets are password fields (write-only), the answer shows the two URLs. */
export function AddPlatformForm({ t }: { t: TDictionary }) {
  const [state, action, isPending] = useActionState(addPlatformAction, IDLE);
  const form = useRef<HTMLFormElement>(null);
  // Five fields, three of them secrets: a refused form keeps what was typed (React would clear it), an added one is cleared.
  useEffect(() => {
    if (state.status === "done") form.current?.reset();
  }, [state]);
  const words = t.platforms;
  const secretField = (id: string, name: string, label: string, maxLength: number) => (
    <Field id={id} label={label}>
      <input id={id} name={name} type="password" required maxLength={maxLength} autoComplete="off" className={`${inputStyles} font-mono`} />
    </Field>
  );
  return (
    <div className="space-y-3">
      <form
        ref={form}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => action(data));
        }}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 lg:items-end"
      >
        <Field id="platform-name" label={words.name}>
          <input id="platform-name" name="name" required maxLength={64} autoComplete="off" className={inputStyles} />
        </Field>
        <Field id="platform-appid" label={words.componentAppid}>
          <input
            id="platform-appid"
            name="componentAppid"
            required
            maxLength={18}
            pattern="wx[0-9A-Za-z]{16}"
            autoComplete="off"
            spellCheck={false}
            className={`${inputStyles} font-mono`}
          />
        </Field>
        {secretField("platform-secret", "componentAppsecret", words.appsecret, 64)}
        {secretField("platform-token", "token", words.messageToken, 32)}
        {secretField("platform-aes-key", "encodingAesKey", words.aesKey, 43)}
        <button type="submit" disabled={isPending} className={buttonStyles.primary}>
          {isPending ? words.adding : words.add}
        </button>
      </form>
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
      {state.status === "done" && (
        <Alert tone="success" role="status">
          <p>{fill(words.added, { name: state.name })}</p>
          <div className="mt-2 space-y-1">
            <PlatformUrl label={words.notifyUrl} value={state.urls.notify} t={t} />
            <PlatformUrl label={words.messagesUrl} value={state.urls.messages} t={t} />
          </div>
        </Alert>
      )}
    </div>
  );
}

/** Enable at once; disable only after a confirmation that says what it does. */
export function PlatformEnabledButton({
  componentAppid,
  name,
  isEnabled,
  t,
}: {
  componentAppid: string;
  name: string;
  isEnabled: boolean;
  t: TDictionary;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const words = t.platforms;
  if (!isEnabled)
    return (
      <ActionButton
        action={setPlatformEnabledAction}
        fields={{ componentAppid, enabled: "true" }}
        label={words.enable}
        ariaLabel={`${words.enable}: ${name}`}
      />
    );
  if (!isConfirming)
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={`${words.disable}: ${name}`} className={buttonStyles.small}>
        {words.disable}
      </button>
    );
  return (
    <div className="flex max-w-sm flex-col gap-2">
      <p className="text-xs text-slate-600">{words.disableHelp}</p>
      <div className="flex flex-wrap gap-2">
        <ActionButton
          action={setPlatformEnabledAction}
          fields={{ componentAppid, enabled: "false" }}
          label={fill(words.confirmDisable, { name })}
          className={buttonStyles.danger}
        />
        <button type="button" onClick={() => setConfirming(false)} className={buttonStyles.small}>
          {words.cancel}
        </button>
      </div>
    </div>
  );
}
