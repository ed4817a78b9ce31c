"use client";

import { useActionState, useState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { clearApiQuotaAction, readApiQuotaAction } from "@/app/(admin)/_actions/api-quota";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { Field } from "../ui/field";
import { buttonStyles, inputStyles } from "../ui/styles";
import { PlatformInput } from "../ui/platform-input";

/** Used of the daily limit, drawn: a bar that turns amber past 80 % and red when nothing is left. */
function QuotaBar({ used, limit }: { used: number; limit: number }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 1;
  const tone = share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div className="h-2 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
      <div className={`h-full ${tone}`} style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}

/**
 * An account's (appid) or the platform's (no appid) daily API quota: read it for one API path, and reset it after a
 * confirmation (WeChat allows 10 resets a month).
 */
export function ApiQuotaPanel({
  appid,
  platform,
  defaultPath,
  t,
}: {
  appid?: string;
  /** An added platform's component appid: its account (or itself); the default platform when absent. */
  platform?: string;
  defaultPath: string;
  t: TDictionary;
}) {
  const words = t.quota;
  const [read, readAction, isReading] = useActionState(readApiQuotaAction, IDLE);
  const [cleared, clearAction, isClearing] = useActionState(clearApiQuotaAction, IDLE);
  const [isConfirming, setConfirming] = useState(false);
  const quota = read.status === "done" ? read.quota : undefined;
  return (
    <div className="space-y-4">
      <form action={readAction} className="space-y-2">
        <input type="hidden" name="appid" value={appid ?? ""} />
        <PlatformInput platform={platform} />
        <Field id={`quota-path-${appid ?? "component"}`} label={words.path} hint={words.pathHint}>
          <input
            id={`quota-path-${appid ?? "component"}`}
            name="cgiPath"
            defaultValue={defaultPath}
            className={`${inputStyles} font-mono`}
            spellCheck={false}
          />
        </Field>
        <button type="submit" disabled={isReading} className={buttonStyles.secondary}>
          {isReading ? words.reading : words.read}
        </button>
      </form>
      {quota && (
        <div className="space-y-1.5" data-testid="api-quota" role="status">
          <QuotaBar used={quota.used} limit={quota.daily_limit} />
          <p className="text-sm text-slate-700">
            {fill(words.figures, { path: quota.cgiPath, used: quota.used, limit: quota.daily_limit, remain: quota.remain })}
          </p>
        </div>
      )}
      {read.status === "error" && (
        <Alert tone="danger" role="alert">
          {read.message}
        </Alert>
      )}
      <form action={clearAction} className="space-y-2 border-t border-slate-100 pt-4" onSubmit={() => setConfirming(false)}>
        <input type="hidden" name="appid" value={appid ?? ""} />
        <PlatformInput platform={platform} />
        <p className="text-xs text-slate-500">{words.clearHelp}</p>
        {isConfirming ? (
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={isClearing} className={buttonStyles.danger}>
              {isClearing ? words.clearing : words.confirmClear}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={buttonStyles.small}>
              {words.cancel}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={buttonStyles.danger}>
            {words.clear}
          </button>
        )}
        {cleared.status === "done" && (
          <Alert tone="success" role="status">
            {words.cleared}
          </Alert>
        )}
        {cleared.status === "error" && (
          <Alert tone="danger" role="alert">
            {cleared.message}
          </Alert>
        )}
      </form>
    </div>
  );
}
