"use client";

import { formatExpiry, formatRelative, type TTimeWords } from "@/lib/i18n/format";
import { cn } from "./cn";
import { useNow } from "./use-now";

/** "3 min ago" / "in 1 h 12 min" that keeps itself current; `expiry` turns red once the time has passed. */
export function RelativeTime({
  value,
  words,
  mode = "relative",
  serverNow,
  className,
}: {
  value: string;
  words: TTimeWords;
  mode?: "relative" | "expiry";
  /** The server's clock at render time, so the first paint matches the server HTML. */
  serverNow: number;
  className?: string;
}) {
  const now = useNow(15_000, serverNow);
  const isPast = new Date(value).getTime() <= now;
  const text = mode === "expiry" ? formatExpiry(value, now, words) : formatRelative(value, now, words);
  return (
    <time
      dateTime={value}
      title={new Date(value).toISOString()}
      className={cn(mode === "expiry" && isPast && "font-medium text-red-600", className)}
    >
      {text}
    </time>
  );
}
