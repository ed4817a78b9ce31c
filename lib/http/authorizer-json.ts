import type { TAuthorizerListItem } from "../platform/directory/list-authorizers";
import { scopesWithNames, type TLocale } from "../wechat/scopes";

/** A list row as the JSON API shows it: scopes as [{ id, name }]. */
export const toAuthorizerJson = ({ scopes, ...item }: TAuthorizerListItem, locale: TLocale = "zh") => ({
  ...item,
  scopes: scopesWithNames(
    scopes.map((scope) => scope.scopeId),
    locale,
  ),
});
