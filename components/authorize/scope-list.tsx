type TScopeLabel = { id: number; zh: string; en: string };

/** Permission sets by name (Chinese first, English under), never bare numbers. */
export function ScopeList({ scopes, label }: { scopes: TScopeLabel[]; label: string }) {
  return (
    <ul aria-label={label} className="grid gap-2 sm:grid-cols-2">
      {scopes.map((scope) => (
        <li key={scope.id} className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 fill-brand-500">
            <path d="M8.1 13.3 4.8 10l-1.2 1.2 4.5 4.5 9-9-1.2-1.2z" />
          </svg>
          <span className="text-sm leading-snug text-slate-800">
            <span className="block">{scope.zh}</span>
            <span lang="en" className="block text-xs text-slate-500">
              {scope.en}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
