import type { TAccount } from "../accounts";
import { stableHex } from "../random";

// The audit items of submit_audit (§11.2.3), checked against what get_category and get_page answer.

/** Category ids stable per name: the account's categories carry names only, WeChat's answers carry both. */
const categoryId = (name: string, base: number) => base + (parseInt(stableHex(`category|${name}`, 6), 16) % (base * 9));

export type TCategoryJson = { first_class: string; second_class: string; first_id: number; second_id: number };

/** get_category: the account's configured level-2 categories (the only ones an audit item may name). */
export const accountCategories = (account: TAccount): TCategoryJson[] =>
  (account.categories ?? []).map(({ first, second }) => ({
    first_class: first,
    second_class: second,
    first_id: categoryId(first, 100),
    second_id: categoryId(`${first}/${second}`, 1000),
  }));

export const MAX_ITEMS = 5;
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 20;
const MAX_TITLE_LENGTH = 32;

const sameId = (value: unknown, id: number) => value === id || value === String(id);

const matchesCategory = (item: Record<string, unknown>, category: TCategoryJson) =>
  item.first_class === category.first_class &&
  item.second_class === category.second_class &&
  sameId(item.first_id, category.first_id) &&
  sameId(item.second_id, category.second_id);

const itemError = (item: unknown, categories: TCategoryJson[], pages: string[]): number | undefined => {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return 47001;
  const fields = item as Record<string, unknown>;
  if (Object.keys(fields).length === 0) return 85010;
  if (!categories.some((category) => matchesCategory(fields, category))) return 85008;
  if (fields.address !== undefined && (typeof fields.address !== "string" || !pages.includes(fields.address))) return 85007;
  if (fields.tag !== undefined) {
    const tags = typeof fields.tag === "string" ? fields.tag.split(" ").filter(Boolean) : null;
    if (!tags || tags.length > MAX_TAGS || tags.some((tag) => [...tag].length > MAX_TAG_LENGTH)) return 85006;
  }
  if (fields.title !== undefined && (typeof fields.title !== "string" || [...fields.title].length > MAX_TITLE_LENGTH)) return 85011;
  return undefined;
};

/**
 * 0 to 5 items (the doc says 1-5 but a community test shows item_list may be left out, §11.2.3 ⚠): more is 85023; each
 * names a configured category (85008) and, if any, a committed page (85007).
 */
export const itemListError = (items: unknown[], categories: TCategoryJson[], pages: string[]): number | undefined => {
  if (items.length > MAX_ITEMS) return 85023;
  for (const item of items) {
    const failure = itemError(item, categories, pages);
    if (failure) return failure;
  }
  return undefined;
};
