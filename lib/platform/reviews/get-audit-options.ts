import { z } from "zod";
import { AppError } from "../../errors";
import { ZCategories, ZPages } from "../../wechat/mini-program-code";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess, type TCodeAccess } from "../mini-programs/code-access";

// What a review submission may name: the account's categories (get_category) and the committed code's pages
// (get_page). The submit form is prefilled from them; a submit without items uses the first of each.

export type TAuditItem = {
  address?: string;
  tag?: string;
  title?: string;
  first_class: string;
  second_class: string;
  third_class?: string;
  first_id: number;
  second_id: number;
  third_id?: number;
};

export const readAuditOptions = async (access: TCodeAccess, actor: string) => {
  const [categories, pages] = await Promise.all([
    callCodeApi({ target: access.target, path: "wxa/get_category", method: "GET", actor }),
    callCodeApi({ target: access.target, path: "wxa/get_page", method: "GET", actor }),
  ]);
  const category = ZCategories.safeParse(categories);
  const page = ZPages.safeParse(pages);
  if (!category.success || !page.success) throw new AppError("wechat_error", "WeChat's categories or pages are not the documented shape");
  return { categories: category.data.category_list, pages: page.data.page_list };
};

const ZAuditItem = z.object({
  first_class: z.string(),
  second_class: z.string(),
  third_class: z.string().optional(),
  first_id: z.number(),
  second_id: z.number(),
  third_id: z.number().optional(),
});

/** A category as a form posts it back (the JSON of one of `categories`): 400 when it is not one. */
export const parseAuditCategory = (text: string): TAuditItem => {
  try {
    const parsed = ZAuditItem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // answered below
  }
  throw new AppError("bad_request", "The category is not one of the Mini Program's categories: reload the page and pick one.");
};

/** The first category on the first page: the item a submit without items sends. */
export const defaultAuditItem = ({ categories, pages }: Awaited<ReturnType<typeof readAuditOptions>>): TAuditItem[] => {
  const [category] = categories;
  if (!category)
    throw new AppError("conflict", "The Mini Program has no service category: the merchant must set one in the MP console first.");
  return [{ ...category, ...(pages[0] ? { address: pages[0] } : {}) }];
};

export const getAuditOptions = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }) =>
  readAuditOptions(await requireCodeAccess(ref), actor);
