"use client";

import { formatDateTime } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/locale";
import { useIsBrowser } from "./use-now";

/** A date and time in the reader's time zone (the server's is shown in UTC until the browser takes over). */
export function DateTime({ value, locale }: { value: string; locale: TLocale }) {
  const timeZone = useIsBrowser() ? undefined : "UTC";
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateTime(value, locale, timeZone)}
      {timeZone === "UTC" ? " UTC" : ""}
    </time>
  );
}
