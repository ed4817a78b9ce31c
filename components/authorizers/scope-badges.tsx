import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { scopeName } from "@/lib/wechat/scopes";
import { Badge } from "../ui/badge";

/** Granted scopes as named badges (WeChat's names); beyond `max`, a "+N" badge listing the rest on hover. */
export function ScopeBadges({ scopeIds, locale, t, max = 4 }: { scopeIds: number[]; locale: TLocale; t: TDictionary; max?: number }) {
  if (scopeIds.length === 0) return <span className="text-xs text-slate-400">{t.common.none}</span>;
  const shown = scopeIds.slice(0, max);
  const rest = scopeIds.slice(max);
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t.authorizers.scopes}>
      {shown.map((id) => (
        <li key={id}>
          <Badge tone="green" title={`#${id}`}>
            {scopeName(id, locale)}
          </Badge>
        </li>
      ))}
      {rest.length > 0 && (
        <li>
          <Badge title={rest.map((id) => scopeName(id, locale)).join("\n")}>{fill(t.authorizers.moreScopes, { count: rest.length })}</Badge>
        </li>
      )}
    </ul>
  );
}
