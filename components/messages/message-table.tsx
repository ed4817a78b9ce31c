import Link from "next/link";
import { authorizerHref } from "@/lib/http/dashboard-platform";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import type { TMessageListItem } from "@/lib/platform/messages/list-authorizer-messages";
import { Badge } from "../ui/badge";
import { DateTime } from "../ui/date-time";
import { RelativeTime } from "../ui/relative-time";

const typeLabel = (item: TMessageListItem) => (item.event ? `event · ${item.event}` : item.msgType);

function Reply({ item, t }: { item: TMessageListItem; t: TDictionary }) {
  if (item.replyKind === "text") return <Badge tone="green">{t.messages.replied}</Badge>;
  if (item.replyKind === "custom") return <Badge tone="blue">{t.messages.repliedCustom}</Badge>;
  return <span className="text-xs text-slate-400">{t.messages.noReply}</span>;
}

function Account({ item }: { item: TMessageListItem }) {
  return (
    <Link href={authorizerHref(item.platformKey, item.appid)} className="hover:text-brand-700 hover:underline">
      {item.nickName && <span className="block truncate text-sm text-slate-800">{item.nickName}</span>}
      <span className="font-mono text-xs text-slate-500">{item.appid}</span>
    </Link>
  );
}

/** Messages as a table from md up and as cards on phones; `showAccount` false on an authorizer's own page. */
export function MessageTable({
  items,
  t,
  locale,
  serverNow,
  showAccount = true,
}: {
  items: TMessageListItem[];
  t: TDictionary;
  locale: TLocale;
  serverNow: number;
  showAccount?: boolean;
}) {
  const time = (item: TMessageListItem) => item.receivedAt.toISOString();
  return (
    <>
      <table className="hidden w-full table-fixed text-left text-sm md:table" data-testid="message-table">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-36 py-2 pr-3 font-medium">
              {t.messages.time}
            </th>
            {showAccount && (
              <th scope="col" className="w-48 px-3 py-2 font-medium">
                {t.messages.account}
              </th>
            )}
            <th scope="col" className="w-40 px-3 py-2 font-medium">
              {t.messages.type}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.messages.summary}
            </th>
            <th scope="col" className="w-28 px-3 py-2 font-medium">
              {t.messages.sender}
            </th>
            <th scope="col" className="w-24 py-2 pl-3 font-medium">
              {t.messages.reply}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id} className="align-top" data-testid="message-row">
              <td className="whitespace-nowrap py-2.5 pr-3 text-xs text-slate-600">
                <DateTime value={time(item)} locale={locale} />
                <div className="text-slate-400">
                  <RelativeTime value={time(item)} words={{ time: t.time }} serverNow={serverNow} />
                </div>
              </td>
              {showAccount && (
                <td className="min-w-0 px-3 py-2.5">
                  <Account item={item} />
                </td>
              )}
              <td className="break-words px-3 py-2.5 font-mono text-xs text-slate-800">{typeLabel(item)}</td>
              <td className="break-words px-3 py-2.5 text-slate-700">{item.summary || "—"}</td>
              <td className="px-3 py-2.5 font-mono text-xs text-slate-500">{item.senderHint}</td>
              <td className="py-2.5 pl-3">
                <Reply item={item} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden" data-testid="message-cards">
        {items.map((item) => (
          <li key={item.id} className="space-y-1 py-3" data-testid="message-card">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-mono text-xs text-slate-800">{typeLabel(item)}</span>
              <Reply item={item} t={t} />
            </div>
            {item.summary && <p className="break-words text-sm text-slate-700">{item.summary}</p>}
            <div className="flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
              <RelativeTime value={time(item)} words={{ time: t.time }} serverNow={serverNow} />
              <span className="font-mono">{item.senderHint}</span>
              {showAccount && <Account item={item} />}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
