import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import type { TDeliveryListItem } from "@/lib/platform/deliveries/list-deliveries";
import { Badge } from "../ui/badge";
import { DateTime } from "../ui/date-time";
import { RelativeTime } from "../ui/relative-time";

const TONE = { succeeded: "green", pending: "amber", dead: "red" } as const;

function Outcome({ item, t, serverNow }: { item: TDeliveryListItem; t: TDictionary; serverNow: number }) {
  return (
    <div className="space-y-0.5 text-xs text-slate-600">
      <Badge tone={TONE[item.status as keyof typeof TONE] ?? "slate"}>
        {t.forwarding.statuses[item.status as keyof typeof TONE] ?? item.status}
      </Badge>
      <div>
        {item.attempts} {t.forwarding.attempts}
        {item.lastStatus !== null && ` · HTTP ${item.lastStatus}`}
        {item.lastLatencyMs !== null && ` · ${item.lastLatencyMs} ms`}
      </div>
      {item.lastError && <div className="break-words text-red-700">{item.lastError}</div>}
      {item.nextAttemptAt && (
        <div>
          {t.forwarding.nextAttempt}{" "}
          <RelativeTime value={item.nextAttemptAt.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
        </div>
      )}
    </div>
  );
}

/** The delivery log: one row per delivery, its last attempt and what the receiver answered (first 500 bytes). */
export function DeliveryTable({
  items,
  t,
  locale,
  serverNow,
}: {
  items: TDeliveryListItem[];
  t: TDictionary;
  locale: TLocale;
  serverNow: number;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="delivery-log">
      {items.map((item) => (
        <li key={item.id} className="grid gap-2 py-3 md:grid-cols-[12rem_1fr_14rem]" data-testid="delivery-row" data-status={item.status}>
          <div className="min-w-0 text-xs text-slate-600">
            <DateTime value={item.createdAt.toISOString()} locale={locale} />
            <div className="truncate font-medium text-slate-800">{item.ruleName}</div>
          </div>
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs text-slate-800">{item.type}</span>
              {item.appid && <span className="font-mono text-xs text-slate-500">{item.appid}</span>}
            </div>
            <div className="break-all font-mono text-[11px] text-slate-400">{item.publicId}</div>
            {item.lastResponse && (
              <pre className="max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-[11px] text-slate-700">
                {item.lastResponse}
              </pre>
            )}
          </div>
          <Outcome item={item} t={t} serverNow={serverNow} />
        </li>
      ))}
    </ul>
  );
}
