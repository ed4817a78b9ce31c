import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizers/authorizer-status";
import { SCOPES, scopeName } from "@/lib/wechat/scopes";
import { Field } from "../ui/field";
import { FilterActions } from "../ui/filter-form";
import { PlatformInput } from "../ui/platform-input";
import { inputStyles } from "../ui/styles";
import type { TAuthorizerListQuery } from "@/lib/http/authorizer-list-query";
import { AUTHORIZER_KINDS } from "@/lib/platform/authorizers/authorizer-kind";

const scopeIdsFor = (kind: string) =>
  Object.entries(SCOPES)
    .filter(([, scope]) => scope.appliesTo === kind)
    .map(([id]) => Number(id));

/** Search and filters as a plain GET form: every state is a URL, shareable and bookmarkable. */
export function AuthorizerFilters({ query, t, locale }: { query: TAuthorizerListQuery; t: TDictionary; locale: TLocale }) {
  return (
    <form method="get" action="/authorizers" role="search" className="grid grid-cols-2 gap-3 md:grid-cols-6 md:items-end">
      <PlatformInput platform={query.platform} />
      <Field id="filter-q" label={t.authorizers.search} className="col-span-2">
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t.authorizers.searchPlaceholder}
          className={inputStyles}
        />
      </Field>
      <Field id="filter-kind" label={t.authorizers.kind}>
        <select id="filter-kind" name="kind" defaultValue={query.kind ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {AUTHORIZER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.kind[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-status" label={t.authorizers.status}>
        <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {AUTHORIZER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.status[status]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-scope" label={t.authorizers.scope}>
        <select id="filter-scope" name="scope" defaultValue={query.scopeId?.toString() ?? ""} className={inputStyles}>
          <option value="">{t.common.all}</option>
          {AUTHORIZER_KINDS.map((kind) => (
            <optgroup key={kind} label={t.kind[kind]}>
              {scopeIdsFor(kind).map((id) => (
                <option key={id} value={id}>
                  {id} · {scopeName(id, locale)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id="filter-sort" label={t.authorizers.sort}>
        <select id="filter-sort" name="sort" defaultValue={query.sort} className={inputStyles}>
          <option value="expiry">{t.authorizers.sortExpiry}</option>
          <option value="name">{t.authorizers.sortName}</option>
          <option value="recent">{t.authorizers.sortRecent}</option>
        </select>
      </Field>
      <FilterActions resetHref="/authorizers" resetLabel={t.common.reset} applyLabel={t.common.apply} className="md:col-span-6" />
    </form>
  );
}
