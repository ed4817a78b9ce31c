"use client";

import { DICTIONARIES } from "@/lib/i18n/dictionaries";
import { buttonStyles } from "./styles";
import { useIsBrowser } from "./use-now";

/** The error state of every page: a plain explanation and a retry; the detail stays in the server log. */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useIsBrowser() && document.documentElement.lang === "en" ? DICTIONARIES.en : DICTIONARIES.zh;
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-red-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{t.common.errorTitle}</h1>
      <p className="mt-2 text-sm text-slate-600">{t.common.errorBody}</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-400">{error.digest}</p>}
      <button type="button" onClick={reset} className={`${buttonStyles.primary} mt-5`}>
        {t.common.retry}
      </button>
    </div>
  );
}
