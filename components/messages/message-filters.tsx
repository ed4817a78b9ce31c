import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TMessageListQuery } from "@/lib/http/message-list-query";
import { MESSAGE_KINDS } from "@/lib/wechat/message";
import { Field } from "../ui/field";
import { FilterActions } from "../ui/filter-form";
import { PlatformInput } from "../ui/platform-input";
import { inputStyles } from "../ui/styles";

export function MessageFilters({ query, t }: { query: TMessageListQuery; t: TDictionary }) {
  return (
    <form method="get" action="/messages" role="search" className="grid grid-cols-2 gap-3 md:grid-cols-4 md:items-end">
      <PlatformInput platform={query.platform} />
      <Field id="message-appid" label={t.messages.appid} className="col-span-2 md:col-span-1">
        <input id="message-appid" name="appid" defaultValue={query.appid} spellCheck={false} className={`${inputStyles} font-mono`} />
      </Field>
      <Field id="message-type" label={t.messages.type}>
        <select id="message-type" name="type" defaultValue={query.type ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {MESSAGE_KINDS.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </Field>
      <Field id="message-date" label={t.messages.date}>
        <input id="message-date" name="date" type="date" defaultValue={query.date} className={inputStyles} />
      </Field>
      <FilterActions resetHref="/messages" resetLabel={t.common.reset} applyLabel={t.common.apply} className="md:col-span-1" />
    </form>
  );
}
