import type { TDictionary } from "@/lib/i18n/dictionaries";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";

/** The last refresh's outcome (with the error on hover) and when it happened. */
export function LastRefresh({
  at,
  isOk,
  error,
  errcode,
  t,
  serverNow,
}: {
  at: Date | null;
  isOk: boolean | null;
  error: string | null;
  errcode: number | null;
  t: TDictionary;
  serverNow: number;
}) {
  if (!at) return <span className="text-xs text-slate-400">{t.common.never}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
      {isOk === false ? (
        <Badge tone="red" title={error ?? undefined}>
          {t.authorizers.refreshFailed}
          {errcode ? ` ${errcode}` : ""}
        </Badge>
      ) : (
        <Badge tone="green">{t.authorizers.refreshOk}</Badge>
      )}
      <RelativeTime value={at.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
    </span>
  );
}
