"use client";

import { cn } from "./cn";
import { useNow } from "./use-now";

const pad = (value: number) => String(value).padStart(2, "0");

/** A live h:mm:ss countdown to `until`; red in the last `warnSeconds`, "expired" text at zero. */
export function Countdown({
  until,
  serverNow,
  expiredLabel,
  warnSeconds = 15 * 60,
}: {
  until: string;
  serverNow: number;
  expiredLabel: string;
  warnSeconds?: number;
}) {
  const now = useNow(1000, serverNow);
  const seconds = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
  if (seconds === 0) return <span className="font-semibold text-red-600">{expiredLabel}</span>;
  const text = `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return (
    <time
      dateTime={until}
      className={cn("font-mono tabular-nums", seconds < warnSeconds ? "text-amber-700" : "text-slate-900")}
      role="timer"
      aria-live="off"
    >
      {text}
    </time>
  );
}
