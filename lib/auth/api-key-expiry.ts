// The lifetimes an API key can be given at creation (shared by the Settings form, the server action and the CLI).

/** Offered on the Settings page, in days; none means the key works until it is revoked. */
export const API_KEY_EXPIRY_DAYS = [30, 90, 365] as const;
/** The longest lifetime accepted anywhere (the CLI takes any number of days up to this). */
export const MAX_API_KEY_EXPIRY_DAYS = 5 * 365;
