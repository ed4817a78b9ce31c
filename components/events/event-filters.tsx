import type { TDictionary } from "@/lib/i18n/dictionaries";
import { Field } from "../ui/field";
import { FilterActions } from "../ui/filter-form";
import { PlatformInput } from "../ui/platform-input";
import { inputStyles } from "../ui/styles";
import type { TEventListQuery } from "@/lib/http/event-list-query";

export function EventFilters({ query, kinds, t }: { query: TEventListQuery; kinds: string[]; t: TDictionary }) {
  const kindOptions = query.kind && !kinds.includes(query.kind) ? [...kinds, query.kind] : kinds;
  return (
    <form method="get" action="/events" role="search" className="grid grid-cols-2 gap-3 md:grid-cols-4 md:items-end">
      <PlatformInput platform={query.platform} />
      <Field id="event-kind" label={t.events.kind} className="col-span-2 md:col-span-1">
        <select id="event-kind" name="kind" defaultValue={query.kind ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {kindOptions.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </Field>
      <Field id="event-appid" label={t.events.appid}>
        <input id="event-appid" name="appid" defaultValue={query.appid} spellCheck={false} className={`${inputStyles} font-mono`} />
      </Field>
      <Field id="event-outcome" label={t.events.outcome}>
        <select id="event-outcome" name="outcome" defaultValue={query.outcome ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          <option value="ok">{t.events.outcomeOk}</option>
          <option value="error">{t.events.outcomeError}</option>
          <option value="rejected">{t.events.outcomeRejected}</option>
        </select>
      </Field>
      <FilterActions resetHref="/events" resetLabel={t.common.reset} applyLabel={t.common.apply} className="md:col-span-1" />
    </form>
  );
}
