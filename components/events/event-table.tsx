import Link from "next/link";
import { authorizerHref } from "@/lib/http/dashboard-platform";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import type { TEventListItem } from "@/lib/platform/activity/list-events";
import type { TEventKind } from "@/lib/platform/activity/record-event";
import { Badge } from "../ui/badge";
import { DateTime } from "../ui/date-time";
import { RelativeTime } from "../ui/relative-time";

const OUTCOME_TONE = { ok: "green", error: "red", rejected: "amber" } as const;

/** Every event kind has words in both dictionaries: tsc fails here when a kind is added without them. */
export const EVENT_KINDS_HAVE_WORDS: TDictionary["eventKinds"] extends Record<TEventKind, string> ? true : never = true;

/** The event in the reader's language, with the message as recorded (names, appids, WeChat's words) beneath it. */
function Description({ kind, message, t }: { kind: string; message: string; t: TDictionary }) {
  const label = t.eventKinds[kind as keyof TDictionary["eventKinds"]];
  if (!label) return <>{message}</>;
  return (
    <>
      <span className="font-medium text-slate-800">{label}</span>
      {message && <span className="mt-0.5 block text-xs text-slate-500">{message}</span>}
    </>
  );
}

function Outcome({ outcome, t }: { outcome: string; t: TDictionary }) {
  const label = { ok: t.events.outcomeOk, error: t.events.outcomeError, rejected: t.events.outcomeRejected }[outcome] ?? outcome;
  return <Badge tone={OUTCOME_TONE[outcome as keyof typeof OUTCOME_TONE] ?? "slate"}>{label}</Badge>;
}

/** Events as a table from md up and as cards on phones; `showAppid` links each event to its authorizer. */
export function EventTable({
  items,
  t,
  locale,
  serverNow,
  showAppid = true,
}: {
  items: TEventListItem[];
  t: TDictionary;
  locale: TLocale;
  serverNow: number;
  showAppid?: boolean;
}) {
  const appidLink = (appid: string | null, platformKey: string) =>
    appid ? (
      <Link href={authorizerHref(platformKey, appid)} className="font-mono text-xs text-slate-700 hover:text-brand-700 hover:underline">
        {appid}
      </Link>
    ) : (
      <span className="text-xs text-slate-400">—</span>
    );
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t.events.time}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.events.kind}
            </th>
            {showAppid && (
              <th scope="col" className="px-3 py-2 font-medium">
                {t.events.appid}
              </th>
            )}
            <th scope="col" className="px-3 py-2 font-medium">
              {t.events.outcome}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.events.message}
            </th>
            <th scope="col" className="py-2 pl-3 font-medium">
              {t.events.actor}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((event) => (
            <tr key={event.id} className="align-top">
              <td className="whitespace-nowrap py-2.5 pr-3 text-xs text-slate-600">
                <DateTime value={event.at.toISOString()} locale={locale} />
                <div className="text-slate-400">
                  <RelativeTime value={event.at.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
                </div>
              </td>
              <td className="px-3 py-2.5 font-mono text-xs text-slate-800">{event.kind}</td>
              {showAppid && <td className="px-3 py-2.5">{appidLink(event.appid, event.platformKey)}</td>}
              <td className="px-3 py-2.5">
                <Outcome outcome={event.outcome} t={t} />
                {event.errcode !== null && <span className="ml-1 font-mono text-xs text-red-600">{event.errcode}</span>}
              </td>
              <td className="max-w-md break-words px-3 py-2.5 text-slate-700">
                <Description kind={event.kind} message={event.message} t={t} />
              </td>
              <td className="py-2.5 pl-3 text-xs text-slate-500">{event.actor ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden">
        {items.map((event) => (
          <li key={event.id} className="space-y-1 py-3">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-mono text-xs text-slate-800">{event.kind}</span>
              <span className="flex items-center gap-1">
                <Outcome outcome={event.outcome} t={t} />
                {event.errcode !== null && <span className="font-mono text-xs text-red-600">{event.errcode}</span>}
              </span>
            </div>
            <p className="break-words text-sm text-slate-700">
              <Description kind={event.kind} message={event.message} t={t} />
            </p>
            <div className="flex flex-wrap gap-x-3 text-xs text-slate-500">
              <RelativeTime value={event.at.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
              {showAppid && event.appid && appidLink(event.appid, event.platformKey)}
              {event.actor && <span>{event.actor}</span>}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
