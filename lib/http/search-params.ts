// A page's searchParams as Next.js hands them over: a repeated key is an array.
export type TSearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, trimmed; an empty value is undefined. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
