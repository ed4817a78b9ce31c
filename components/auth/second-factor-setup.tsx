"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { confirmSecondFactorSetupAction, startSecondFactorSetupAction } from "@/app/(admin)/_actions/second-factor";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { CopyButton } from "../invite/copy-button";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { QrImage } from "../ui/qr-code";
import { buttonStyles, inputStyles } from "../ui/styles";

/** "ABCDEFGH…" as "ABCD EFGH …": easier to type into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Setting up a second factor: a button that makes the secret, its QR code and the secret as text, a first code to
 * turn it on, then the recovery codes, shown once. `continueHref`: where to go afterwards (else the page reloads).
 */
export function SecondFactorSetup({ t, continueHref }: { t: TDictionary; continueHref?: string }) {
  const router = useRouter();
  const words = t.secondFactor;
  const [setup, startAction, isStarting] = useActionState(startSecondFactorSetupAction, IDLE);
  const [confirmed, confirmAction, isConfirming] = useActionState(confirmSecondFactorSetupAction, IDLE);

  if (confirmed.status === "done") {
    const codes = confirmed.recoveryCodes;
    return (
      <div className="max-w-md space-y-3">
        <Alert tone="success" role="status" title={words.recoveryTitle}>
          {words.recoveryHelp}
        </Alert>
        <ul
          aria-label={words.recoveryCodes}
          className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg bg-slate-50 p-3 font-mono text-sm text-slate-900"
        >
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <CopyButton value={codes.join("\n")} label={t.common.copy} copiedLabel={t.common.copied} />
          <button
            type="button"
            className={buttonStyles.primary}
            onClick={() => {
              if (continueHref) router.replace(continueHref);
              router.refresh();
            }}
          >
            {words.continue}
          </button>
        </div>
      </div>
    );
  }

  if (setup.status === "done") {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{words.scan}</p>
        <div className="flex flex-col gap-4">
          <QrImage svg={setup.qrSvg} label={words.qrLabel} size={176} />
          <div className="min-w-0 space-y-3">
            <div className="space-y-1">
              <p className="text-xs font-medium text-slate-600">{words.secret}</p>
              <code aria-label={words.secret} className="block break-all font-mono text-sm text-slate-900">
                {grouped(setup.secret)}
              </code>
            </div>
            <form action={confirmAction} className="max-w-xs space-y-3">
              {confirmed.status === "error" && (
                <Alert tone="danger" role="alert">
                  {confirmed.message}
                </Alert>
              )}
              <Field id="second-factor-code" label={words.code} hint={words.codeHint}>
                <input
                  id="second-factor-code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  spellCheck={false}
                  required
                  maxLength={9}
                  className={`${inputStyles} font-mono tracking-widest`}
                />
              </Field>
              <button type="submit" disabled={isConfirming} className={buttonStyles.primary}>
                {isConfirming ? words.confirming : words.confirm}
              </button>
            </form>
          </div>
        </div>
      </div>
    );
  }

  return (
    <form action={startAction} className="space-y-3">
      {setup.status === "error" && (
        <Alert tone="danger" role="alert">
          {setup.message}
        </Alert>
      )}
      <button type="submit" disabled={isStarting} className={buttonStyles.primary}>
        {isStarting ? words.starting : words.setUp}
      </button>
    </form>
  );
}
