import { fill, type TDictionary } from "./dictionaries";

/** Only the time words are needed, so client components can pass just that part of the dictionary. */
export type TTimeWords = Pick<TDictionary, "time">;
import { htmlLang, type TLocale } from "./locale";

// Time as people read it on the dashboard: "1 h 12 min", "in 5 min", "3 min ago", "已过期".

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time in at most two units, rounded down: "45 s", "12 min", "1 h 12 min", "2 d 3 h". */
export const formatDuration = (milliseconds: number, t: TTimeWords) => {
  const ms = Math.abs(milliseconds);
  const unit = (template: string, n: number) => fill(template, { n });
  if (ms < MINUTE) return unit(t.time.second, Math.floor(ms / SECOND));
  if (ms < HOUR) return unit(t.time.minute, Math.floor(ms / MINUTE));
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes ? `${unit(t.time.hour, hours)} ${unit(t.time.minute, minutes)}` : unit(t.time.hour, hours);
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return hours ? `${unit(t.time.day, days)} ${unit(t.time.hour, hours)}` : unit(t.time.day, days);
};

/** "in 5 min" / "5 分钟后" for the future, "3 min ago" / "3 分钟前" for the past, "just now" within 10 s before now. */
export const formatRelative = (target: Date | string, now: Date | number, t: TTimeWords) => {
  const difference = new Date(target).getTime() - new Date(now).getTime();
  if (difference <= 0 && difference > -10 * SECOND) return t.time.justNow;
  return fill(difference > 0 ? t.time.in : t.time.ago, { duration: formatDuration(difference, t) });
};

/** An access token's expiry: "in 1 h 12 min", or "Expired" once it has passed. */
export const formatExpiry = (expiresAt: Date | string, now: Date | number, t: TTimeWords) => {
  const difference = new Date(expiresAt).getTime() - new Date(now).getTime();
  return difference <= 0 ? t.time.expired : fill(t.time.in, { duration: formatDuration(difference, t) });
};

/** A date and time in the reader's language, e.g. "2026/11/23 14:05" or "Nov 23, 2026, 2:05 PM". */
/** 868.0 KB, 1.2 GB: a size for people (1024-based). */
export const formatBytes = (bytes: number) => {
  const units = ["B", "KB", "MB", "GB", "TB"];
  const power = Math.min(units.length - 1, Math.floor(Math.log(Math.max(bytes, 1)) / Math.log(1024)));
  return `${(bytes / 1024 ** power).toFixed(power ? 1 : 0)} ${units[power]}`;
};

export const formatDateTime = (value: Date | string, locale: TLocale, timeZone?: string) =>
  new Intl.DateTimeFormat(htmlLang(locale), { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) }).format(
    new Date(value),
  );

/** How the ticket's age is coloured: fresh under 15 min, stale under 1 h, late after. */
export const ticketAgeTone = (ageMs: number): "good" | "warn" | "bad" => (ageMs < 15 * MINUTE ? "good" : ageMs < HOUR ? "warn" : "bad");
