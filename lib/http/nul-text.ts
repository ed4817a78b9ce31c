import { AppError } from "../errors";

// NUL (U+0000) in text: Postgres refuses it in a text column or parameter (a 500 at the first query), SQLite stores
// it. No value wxopen accepts has a reason to carry one. Text input is checked in one place per door: the JSON API
// refuses it (withApiKey: query and body), the dashboard strips it from what a person typed (formText, firstParam),
// and path parameters never reach a query unless they match their pattern (route-params.ts).

const NUL = "\u0000";

export const NUL_TEXT_MESSAGE = "text must not contain NUL characters (\\u0000); remove them and send it again";

/** Where the first NUL is in a parsed value (a string, or one inside arrays and objects, keys included), or null. */
export const findNul = (value: unknown, where: string, depth = 0): string | null => {
  if (typeof value === "string") return value.includes(NUL) ? where : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${where}.${key.replaceAll(NUL, "\\u0000")}`;
    if (key.includes(NUL)) return at;
    const found = findNul(item, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
};

/** A 400 naming where the NUL is ("body.name: text must not contain NUL characters …"), when there is one. */
export const refuseNul = (value: unknown, where: string) => {
  const at = findNul(value, where);
  if (at !== null) throw new AppError("bad_request", `${at}: ${NUL_TEXT_MESSAGE}`);
};

/** Text a person typed, without its NULs (a stray control character is not worth an error message). */
export const stripNul = (text: string) => (text.includes(NUL) ? text.replaceAll(NUL, "") : text);

/** A form field as text a person typed: "" when absent, NULs removed. */
export const formText = (form: FormData, name: string, fallback = "") => {
  const value = form.get(name);
  return stripNul(typeof value === "string" ? value : fallback);
};
