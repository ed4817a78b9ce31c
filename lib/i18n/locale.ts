import type { TLocale } from "../wechat/scopes";
import { DICTIONARIES, type TDictionary } from "./dictionaries";

// Which language a request gets: the `locale` cookie when set, else the browser's Accept-Language, else Chinese.

export type { TLocale };
export const LOCALES: readonly TLocale[] = ["zh", "en"];
export const DEFAULT_LOCALE: TLocale = "zh";
export const LOCALE_COOKIE = "locale";

/** The BCP 47 tag for <html lang> and Intl. */
export const htmlLang = (locale: TLocale) => (locale === "zh" ? "zh-CN" : "en");

export const isLocale = (value: unknown): value is TLocale => typeof value === "string" && (LOCALES as string[]).includes(value);

/** The first supported language in an Accept-Language header, by quality; undefined when none is supported. */
export const localeFromAcceptLanguage = (header: string | null | undefined): TLocale | undefined => {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const quality = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), quality: quality ? Number(quality.slice(2)) || 0 : 1, index };
    })
    .filter(({ tag, quality }) => tag && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return undefined;
};

export const resolveLocale = ({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): TLocale =>
  isLocale(cookie) ? cookie : (localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE);

export const getDictionary = (locale: TLocale): TDictionary => DICTIONARIES[locale];
