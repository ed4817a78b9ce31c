import Link from "next/link";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { buttonStyles, inputStyles, labelStyles } from "../ui/styles";
import type { TEventListQuery } from "./event-query";

export function EventFilters({ query, kinds, t }: { query: TEventListQuery; kinds: string[]; t: TDictionary }) {
  const kindOptions = query.kind && !kinds.includes(query.kind) ? [...kinds, query.kind] : kinds;
  return (
    <form method="get" action="/events" role="search" className="grid grid-cols-2 gap-3 md:grid-cols-4 md:items-end">
      <div className="col-span-2 space-y-1 md:col-span-1">
        <label htmlFor="event-kind" className={labelStyles}>
          {t.events.kind}
        </label>
        <select id="event-kind" name="kind" defaultValue={query.kind ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {kindOptions.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="event-appid" className={labelStyles}>
          {t.events.appid}
        </label>
        <input id="event-appid" name="appid" defaultValue={query.appid} spellCheck={false} className={`${inputStyles} font-mono`} />
      </div>
      <div className="space-y-1">
        <label htmlFor="event-outcome" className={labelStyles}>
          {t.events.outcome}
        </label>
        <select id="event-outcome" name="outcome" defaultValue={query.outcome ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          <option value="ok">{t.events.outcomeOk}</option>
          <option value="error">{t.events.outcomeError}</option>
          <option value="rejected">{t.events.outcomeRejected}</option>
        </select>
      </div>
      <div className="col-span-2 flex gap-2 md:col-span-1 md:justify-end">
        <Link href="/events" className={buttonStyles.secondary}>
          {t.common.reset}
        </Link>
        <button type="submit" className={buttonStyles.primary}>
          {t.common.apply}
        </button>
      </div>
    </form>
  );
}
