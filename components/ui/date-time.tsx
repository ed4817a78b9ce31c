"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/locale";

/** A date and time in the reader's time zone (the server's is shown in UTC until the browser takes over). */
export function DateTime({ value, locale }: { value: string; locale: TLocale }) {
  const [timeZone, setTimeZone] = useState<string | undefined>("UTC");
  useEffect(() => setTimeZone(undefined), []);
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateTime(value, locale, timeZone)}
      {timeZone === "UTC" ? " UTC" : ""}
    </time>
  );
}
