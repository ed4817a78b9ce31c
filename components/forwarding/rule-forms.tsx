"use client";

import { useActionState } from "react";
import { IDLE, type TActionState } from "@/app/(admin)/_actions/action-state";
import {
  createForwardingRuleAction,
  rotateForwardingSecretAction,
  sendTestDeliveryAction,
  type TRuleSecret,
  type TTestOutcome,
} from "@/app/(admin)/_actions/forwarding";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { CopyButton } from "../invite/copy-button";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";
import { PlatformCheckboxes } from "../ui/platform-checkboxes";

function ShownOnce({ state, t }: { state: TActionState<TRuleSecret>; t: TDictionary }) {
  if (state.status === "error")
    return (
      <Alert tone="danger" role="alert">
        {state.message}
      </Alert>
    );
  if (state.status !== "done") return null;
  return (
    <Alert tone="success" role="status">
      <p>{t.forwarding.secretShownOnce}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          aria-label={t.forwarding.secret}
          className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-brand-100"
        >
          {state.secret}
        </code>
        <CopyButton value={state.secret} label={t.common.copy} copiedLabel={t.common.copied} />
      </div>
    </Alert>
  );
}

/** Admins create a rule; its signing secret is shown once below the form. */
export function CreateRuleForm({ t, platforms = [] }: { t: TDictionary; platforms?: { componentAppid: string; name: string }[] }) {
  const [state, action, isPending] = useActionState(createForwardingRuleAction, IDLE);
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 md:grid-cols-2">
        <Field id="rule-name" label={t.forwarding.name}>
          <input id="rule-name" name="name" required maxLength={100} className={inputStyles} />
        </Field>
        <Field id="rule-url" label={t.forwarding.url}>
          <input
            id="rule-url"
            name="url"
            required
            type="url"
            placeholder="https://crm.internal/wechat"
            className={`${inputStyles} font-mono`}
          />
        </Field>
        <Field id="rule-types" label={t.forwarding.types} hint={t.forwarding.typesHint}>
          <input id="rule-types" name="types" required defaultValue="message.*" className={`${inputStyles} font-mono`} />
        </Field>
        <Field id="rule-appids" label={t.forwarding.appids} hint={t.forwarding.appidsHint}>
          <input id="rule-appids" name="appids" className={`${inputStyles} font-mono`} />
        </Field>
        <PlatformCheckboxes
          platforms={platforms}
          legend={t.forwarding.platforms}
          hint={t.forwarding.platformsHint}
          className="md:col-span-2"
        />
        <Field id="rule-mode" label={t.forwarding.mode}>
          <select id="rule-mode" name="mode" defaultValue="async" className={inputStyles}>
            <option value="async">async</option>
            <option value="sync">sync</option>
          </select>
        </Field>
        <Field id="rule-format" label={t.forwarding.format}>
          <select id="rule-format" name="format" defaultValue="json" className={inputStyles}>
            <option value="json">json</option>
            <option value="xml">xml</option>
          </select>
        </Field>
        <div className="md:col-span-2">
          <button type="submit" disabled={isPending} className={buttonStyles.primary}>
            {isPending ? t.forwarding.creating : t.forwarding.create}
          </button>
        </div>
      </form>
      <ShownOnce state={state} t={t} />
    </div>
  );
}

export function RotateSecretButton({ id, name, t }: { id: string; name: string; t: TDictionary }) {
  const [state, action, isPending] = useActionState(rotateForwardingSecretAction, IDLE);
  return (
    <div className="space-y-2">
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={isPending} aria-label={`${t.forwarding.rotate}: ${name}`} className={buttonStyles.small}>
          {t.forwarding.rotate}
        </button>
      </form>
      <ShownOnce state={state} t={t} />
    </div>
  );
}

/** "Delivered: HTTP 200 in 12 ms", "Pending: HTTP 503, next retry at …", "Pending: queued, not yet sent". */
const testOutcomeText = (outcome: TTestOutcome, t: TDictionary) => {
  const words = t.forwarding;
  const status = words.statuses[outcome.deliveryStatus as keyof typeof words.statuses] ?? outcome.deliveryStatus;
  const detail =
    outcome.deliveryStatus === "succeeded"
      ? fill(words.testDelivered, { status: outcome.lastStatus ?? "", ms: outcome.lastLatencyMs ?? "" })
      : outcome.attempts === 0
        ? words.testQueued
        : fill(words.testFailed, {
            error: outcome.lastError ?? `HTTP ${outcome.lastStatus}`,
            at: outcome.nextAttemptAt ? new Date(outcome.nextAttemptAt).toLocaleTimeString() : "—",
          });
  return `${status}: ${detail}`;
};

export function TestDeliveryButton({ id, name, t }: { id: string; name: string; t: TDictionary }) {
  const [state, action, isPending] = useActionState(sendTestDeliveryAction, IDLE);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={isPending} aria-label={`${t.forwarding.sendTest}: ${name}`} className={buttonStyles.small}>
        {isPending ? t.forwarding.sendingTest : t.forwarding.sendTest}
      </button>
      {state.status === "done" && (
        <span role="status" className="text-xs text-slate-700">
          {testOutcomeText(state, t)}
        </span>
      )}
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
