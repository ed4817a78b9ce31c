import { cookies, headers } from "next/headers";
import { getDictionary, LOCALE_COOKIE, resolveLocale, type TLocale } from "./locale";

/** The request's locale (cookie, then Accept-Language, then zh) and its dictionary, for server components and actions. */
export const getLocale = async (): Promise<{ locale: TLocale; t: ReturnType<typeof getDictionary> }> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") });
  return { locale, t: getDictionary(locale) };
};
