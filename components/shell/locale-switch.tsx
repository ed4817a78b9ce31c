import { setLocale } from "@/lib/i18n/set-locale";
import type { TLocale } from "@/lib/i18n/locale";
import { cn } from "../ui/cn";

const OPTIONS: { locale: TLocale; label: string; lang: string }[] = [
  { locale: "zh", label: "中文", lang: "zh-CN" },
  { locale: "en", label: "EN", lang: "en" },
];

/** 中文 | EN, a form posting to a server action: works before the page's JavaScript loads. */
export function LocaleSwitch({ locale, label }: { locale: TLocale; label: string }) {
  return (
    <form action={setLocale} role="group" aria-label={label} className="flex rounded-md p-0.5 ring-1 ring-slate-300">
      {OPTIONS.map((option) => (
        <button
          key={option.locale}
          type="submit"
          name="locale"
          value={option.locale}
          lang={option.lang}
          aria-pressed={option.locale === locale}
          className={cn(
            "whitespace-nowrap rounded px-2 py-1 text-xs font-medium",
            option.locale === locale ? "bg-brand-500 text-white" : "text-slate-600 hover:bg-slate-100",
          )}
        >
          {option.label}
        </button>
      ))}
    </form>
  );
}
