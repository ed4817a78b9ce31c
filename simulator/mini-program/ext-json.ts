import type { TTemplate } from "./code-types";

// commit's ext_json (§11.2.1): a STRING of JSON, the ext.json of the developer tools, checked against the template
// the commit names. Only what WeChat is known to refuse is refused; other keys (extEnable, directCommit ...) pass.

/** Standard templates take only these keys; anything else is 9402203 (observed). */
const STANDARD_KEYS = new Set(["extAppid", "ext", "window"]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const isPageList = (value: unknown): value is string[] => Array.isArray(value) && value.every((page) => typeof page === "string");

/** tabBar.list replaces the template's: every item needs a pagePath (85046) among the pages (85045). */
const tabBarError = (tabBar: unknown, pages: string[]) => {
  if (!isObject(tabBar) || tabBar.list === undefined) return undefined;
  if (!Array.isArray(tabBar.list)) return 85013;
  for (const item of tabBar.list) {
    const pagePath = isObject(item) ? item.pagePath : undefined;
    if (typeof pagePath !== "string" || pagePath === "") return 85046;
    if (!pages.includes(pagePath)) return 85045;
  }
  return undefined;
};

export type TExtJsonCheck = { errcode: number } | { pages: string[] };

/** The pages the committed code will have, or the errcode WeChat answers. */
export const checkExtJson = (raw: unknown, template: TTemplate): TExtJsonCheck => {
  // An object where a string belongs (a client that forgot to stringify) fails the body's own format.
  if (typeof raw !== "string") return { errcode: 47001 };
  let ext: unknown;
  try {
    ext = JSON.parse(raw);
  } catch {
    return { errcode: 85048 };
  }
  if (!isObject(ext)) return { errcode: 85048 };
  if (template.templateType === 1 && Object.keys(ext).some((key) => !STANDARD_KEYS.has(key))) return { errcode: 9402203 };
  // `pages` may narrow the template's pages, never add one.
  const pages = ext.pages === undefined ? template.pages : ext.pages;
  if (!isPageList(pages)) return { errcode: 85013 };
  if (pages.length === 0) return { errcode: 85047 };
  if (pages.some((page) => !template.pages.includes(page))) return { errcode: 85045 };
  if (ext.extPages !== undefined) {
    if (!isObject(ext.extPages)) return { errcode: 85013 };
    if (Object.keys(ext.extPages).some((page) => !pages.includes(page))) return { errcode: 85045 };
  }
  const tabBarFailure = tabBarError(ext.tabBar, pages);
  return tabBarFailure ? { errcode: tabBarFailure } : { pages: [...pages] };
};
