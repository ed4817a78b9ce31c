/** Where sign-in goes when the requested place is missing or not on this site. */
export const DEFAULT_AFTER_SIGN_IN = "/overview";

/**
 * The path to follow after sign-in: only one that resolves to this site's own origin, re-serialised, so that
 * `/\evil.example`, `/%5Cevil.example` (decoded), `/\t/evil.example` and `//evil.example` never leave it.
 */
export const safeCallbackPath = (value: unknown, appUrl: string): string => {
  if (typeof value !== "string" || !value.startsWith("/")) return DEFAULT_AFTER_SIGN_IN;
  try {
    const base = new URL(appUrl);
    const resolved = new URL(value, base);
    if (resolved.origin !== base.origin) return DEFAULT_AFTER_SIGN_IN;
    const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    return path.startsWith("//") ? DEFAULT_AFTER_SIGN_IN : path;
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
};
