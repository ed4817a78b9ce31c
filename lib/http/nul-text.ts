import { AppError } from "../errors";

// NUL (U+0000) in text: Postgres refuses it in a text column or parameter (a 500 at the first query), SQLite stores
// it. No value wxopen accepts has a reason to carry one. The same goes for a lone UTF-16 surrogate ("\ud800" in
// JSON): it is no character at all, and Postgres refuses the bytes it becomes. Text input is checked in one place per door: the JSON API
// refuses it (withApiKey: query and body), the dashboard strips it from what a person typed (formText, firstParam),
// and path parameters never reach a query unless they match their pattern (route-params.ts).

const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const NUL_TEXT_MESSAGE = "text must not contain NUL characters (\\u0000); remove them and send it again";
export const SURROGATE_TEXT_MESSAGE = "text must be valid Unicode (a lone surrogate such as \\ud800 is not); send it as UTF-8";

/** Why a string cannot be stored, or null when it can. */
const problemOf = (text: string) => (text.includes(NUL) ? NUL_TEXT_MESSAGE : LONE_SURROGATE.test(text) ? SURROGATE_TEXT_MESSAGE : null);

type TFound = { at: string; problem: string };

const find = (value: unknown, where: string, depth: number): TFound | null => {
  if (typeof value === "string") {
    const problem = problemOf(value);
    return problem ? { at: where, problem } : null;
  }
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${where}.${key.replaceAll(NUL, "\\u0000")}`;
    const problem = problemOf(key);
    if (problem) return { at, problem };
    const found = find(item, at, depth + 1);
    if (found) return found;
  }
  return null;
};

/** Where the first NUL (or lone surrogate) is in a parsed value (a string, or one in arrays and objects, keys included), or null. */
export const findNul = (value: unknown, where: string) => find(value, where, 0)?.at ?? null;

/** A 400 naming where the NUL is ("body.name: text must not contain NUL characters …"), when there is one. */
export const refuseNul = (value: unknown, where: string) => {
  const found = find(value, where, 0);
  if (found) throw new AppError("bad_request", `${found.at}: ${found.problem}`);
};

/** Text a person typed, without its NULs (a stray control character is not worth an error message). */
export const stripNul = (text: string) => (text.includes(NUL) ? text.replaceAll(NUL, "") : text);

/** A form field as text a person typed: "" when absent, NULs removed. */
export const formText = (form: FormData, name: string, fallback = "") => {
  const value = form.get(name);
  return stripNul(typeof value === "string" ? value : fallback);
};
