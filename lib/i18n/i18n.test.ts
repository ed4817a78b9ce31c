import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DICTIONARIES, fill } from "./dictionaries";
import { formatDuration, formatExpiry, formatRelative, ticketAgeTone } from "./format";
import { localeFromAcceptLanguage, resolveLocale } from "./locale";

// A path is a list of keys (some keys have dots: the event kinds), shown joined with " > ".
const keyPaths = (value: unknown, prefix: string[] = []): string[][] =>
  typeof value === "string"
    ? [prefix]
    : Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => keyPaths(item, [...prefix, key]));
const shown = (path: string[]) => path.join(" > ");

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

const lookup = (dictionary: unknown, path: string[]) =>
  path.reduce((node, key) => (node as Record<string, unknown>)[key], dictionary) as string;

describe("dictionaries", () => {
  it("have the same keys in Chinese and English", () => {
    assert.deepEqual(keyPaths(DICTIONARIES.en).map(shown).sort(), keyPaths(DICTIONARIES.zh).map(shown).sort());
  });

  it("use the same placeholders in both languages, and no empty strings", () => {
    for (const path of keyPaths(DICTIONARIES.zh)) {
      const zh = lookup(DICTIONARIES.zh, path);
      const en = lookup(DICTIONARIES.en, path);
      assert.ok(zh.trim() && en.trim(), `${shown(path)} is empty`);
      assert.deepEqual(placeholders(en), placeholders(zh), `${shown(path)} placeholders differ`);
    }
  });

  it("fill() replaces known placeholders and leaves unknown ones", () => {
    assert.equal(fill("{n} min, {x}", { n: 3 }), "3 min, {x}");
  });
});

describe("relative time", () => {
  const { en, zh } = DICTIONARIES;
  const now = new Date("2026-11-23T08:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);
  const minutes = (n: number) => n * 60_000;

  it("formats durations in at most two units, rounded down", () => {
    assert.equal(formatDuration(42_900, en), "42 s");
    assert.equal(formatDuration(minutes(12) + 59_000, en), "12 min");
    assert.equal(formatDuration(minutes(72), en), "1 h 12 min");
    assert.equal(formatDuration(minutes(120), en), "2 h");
    assert.equal(formatDuration(minutes(60 * 51), en), "2 d 3 h");
    assert.equal(formatDuration(minutes(72), zh), "1 小时 12 分钟");
  });

  it("says in / ago / just now", () => {
    assert.equal(formatRelative(at(minutes(72)), now, en), "in 1 h 12 min");
    assert.equal(formatRelative(at(-minutes(3)), now, en), "3 min ago");
    assert.equal(formatRelative(at(-minutes(3)), now, zh), "3 分钟前");
    assert.equal(formatRelative(at(minutes(5)), now, zh), "5 分钟后");
    assert.equal(formatRelative(at(-4_000), now, en), "just now");
  });

  it("shows an expiry until it passes, then 已过期 / Expired", () => {
    assert.equal(formatExpiry(at(minutes(72) + 30_000), now, en), "in 1 h 12 min");
    assert.equal(formatExpiry(at(0), now, zh), "已过期");
    assert.equal(formatExpiry(at(-minutes(90)), now, en), "Expired");
  });

  it("colours the ticket age green under 15 min, amber under 1 h, red after", () => {
    assert.equal(ticketAgeTone(minutes(14)), "good");
    assert.equal(ticketAgeTone(minutes(15)), "warn");
    assert.equal(ticketAgeTone(minutes(59)), "warn");
    assert.equal(ticketAgeTone(minutes(60)), "bad");
  });
});

describe("locale", () => {
  it("prefers the cookie, then Accept-Language by quality, then Chinese", () => {
    assert.equal(resolveLocale({ cookie: "en", acceptLanguage: "zh-CN" }), "en");
    assert.equal(resolveLocale({ cookie: "fr", acceptLanguage: "en-US,en;q=0.9" }), "en");
    assert.equal(resolveLocale({ acceptLanguage: "fr-FR, en;q=0.5, zh-CN;q=0.8" }), "zh");
    assert.equal(resolveLocale({ acceptLanguage: "de-DE" }), "zh");
    assert.equal(resolveLocale({}), "zh");
    assert.equal(localeFromAcceptLanguage("en;q=0, zh-TW"), "zh");
  });
});
