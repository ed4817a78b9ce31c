import { stripNul } from "./nul-text";

// A page's searchParams as Next.js hands them over: a repeated key is an array.
export type TSearchParams = Record<string, string | string[] | undefined>;

/** Whether a parameter is one of a list of allowed values (narrowing it to them). */
export const isOneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (values as readonly string[]).includes(value);

/** The first value of a query parameter, trimmed and without NULs (a dashboard URL a person typed); an empty value is undefined. */
export const firstParam = (value: string | string[] | undefined) => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : stripNul(first).trim() || undefined;
};
