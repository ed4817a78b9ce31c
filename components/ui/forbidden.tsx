import type { TDictionary } from "@/lib/i18n/dictionaries";

/** What a signed-in user sees on a page their role may not use (the server refuses the actions too). */
export function Forbidden({ t }: { t: TDictionary }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-amber-200 bg-white p-6 text-center shadow-sm">
      <p className="text-4xl font-semibold text-amber-500">403</p>
      <h1 className="mt-2 text-lg font-semibold text-slate-900">{t.common.forbiddenTitle}</h1>
      <p className="mt-2 text-sm text-slate-600">{t.common.forbiddenBody}</p>
    </div>
  );
}
