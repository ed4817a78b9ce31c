import Link from "next/link";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import type { TAuthorizerListItem } from "@/lib/platform/directory/list-authorizers";
import { RelativeTime } from "../ui/relative-time";
import { Avatar } from "./avatar";
import { LastRefresh } from "./last-refresh";
import { ScopeBadges } from "./scope-badges";
import { KindBadge, StatusBadge } from "./status-badge";

type TProps = {
  items: TAuthorizerListItem[];
  t: TDictionary;
  locale: TLocale;
  serverNow: number;
  /** The chosen platform's query (?platform=…), carried into each detail link; empty for the default platform. */
  platformQuery?: string;
};

function Expiry({ item, t, serverNow }: { item: TAuthorizerListItem; t: TDictionary; serverNow: number }) {
  if (!item.accessTokenExpiresAt) return <span className="text-xs text-slate-400">{t.authorizers.noToken}</span>;
  return (
    <RelativeTime
      value={item.accessTokenExpiresAt.toISOString()}
      mode="expiry"
      words={{ time: t.time }}
      serverNow={serverNow}
      className="text-sm"
    />
  );
}

function Account({ item, platformQuery = "" }: { item: TAuthorizerListItem; platformQuery?: string }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar src={item.headImg} name={item.nickName} />
      <div className="min-w-0">
        <Link
          href={`/authorizers/${item.appid}${platformQuery}`}
          className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          {item.nickName || item.appid}
        </Link>
        <p className="truncate font-mono text-xs text-slate-500">{item.appid}</p>
        {item.principalName && <p className="truncate text-xs text-slate-400">{item.principalName}</p>}
      </div>
    </div>
  );
}

/** The authorizer list: a table from md up, one card per account on phones. */
export function AuthorizerList({ items, t, locale, serverNow, platformQuery }: TProps) {
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table">
        <thead className="border-b border-slate-200 text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              {t.authorizers.account}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.authorizers.kind}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.authorizers.status}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.authorizers.scopes}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t.authorizers.expiry}
            </th>
            <th scope="col" className="py-2 pl-3 font-medium">
              {t.authorizers.lastRefresh}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.appid} data-appid={item.appid} className="align-top hover:bg-slate-50/60">
              <td className="max-w-64 py-3 pr-3">
                <Account platformQuery={platformQuery} item={item} />
              </td>
              <td className="px-3 py-3">
                <KindBadge kind={item.kind} t={t} />
              </td>
              <td className="px-3 py-3">
                <StatusBadge status={item.status} t={t} />
              </td>
              <td className="max-w-72 px-3 py-3">
                <ScopeBadges scopeIds={item.scopes.map((scope) => scope.scopeId)} locale={locale} t={t} />
              </td>
              <td className="whitespace-nowrap px-3 py-3">
                <Expiry item={item} t={t} serverNow={serverNow} />
              </td>
              <td className="py-3 pl-3">
                <LastRefresh
                  at={item.lastRefreshAt}
                  isOk={item.lastRefreshOk}
                  error={item.lastRefreshError}
                  errcode={item.lastErrcode}
                  t={t}
                  serverNow={serverNow}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden">
        {items.map((item) => (
          <li key={item.appid} data-appid={item.appid} className="space-y-2 py-3">
            <div className="flex items-start justify-between gap-2">
              <Account platformQuery={platformQuery} item={item} />
              <StatusBadge status={item.status} t={t} />
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
              <KindBadge kind={item.kind} t={t} />
              <span>
                {t.authorizers.expiry}: <Expiry item={item} t={t} serverNow={serverNow} />
              </span>
            </div>
            <ScopeBadges scopeIds={item.scopes.map((scope) => scope.scopeId)} locale={locale} t={t} max={3} />
            <LastRefresh
              at={item.lastRefreshAt}
              isOk={item.lastRefreshOk}
              error={item.lastRefreshError}
              errcode={item.lastErrcode}
              t={t}
              serverNow={serverNow}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
