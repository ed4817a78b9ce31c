import { Secret, TOTP } from "otpauth";

// The second factor's one-time codes: TOTP (RFC 6238) as every authenticator app reads it from an otpauth:// QR
// code: HMAC-SHA1, 6 digits, 30-second steps. A code is accepted one step either side of the server's clock (phones
// drift); which step it matched is answered so the caller can refuse a code already used (lib/auth/second-factor.ts).

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA1 key size RFC 4226 recommends. */
const SECRET_BYTES = 20;

const totpOf = (secret: string, label = "", issuer = "") =>
  new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new random secret, base32 (what the QR code carries and a person can type). */
export const createTotpSecret = () => new Secret({ size: SECRET_BYTES }).base32;

/** The otpauth:// URI an authenticator app scans: `issuer` names the console, `account` the user. */
export const totpUri = ({ secret, account, issuer }: { secret: string; account: string; issuer: string }) =>
  totpOf(secret, account, issuer).toString();

/** The 30-second step an instant falls in (the TOTP counter). */
export const totpStep = (at: Date) => TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: at.getTime() });

/** A code as typed ("123 456", "123-456") reduced to its digits, or null when it is not a 6-digit code. */
export const normalizeTotpCode = (input: string) => {
  const digits = input.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
};

/**
 * The step `code` is valid for, within TOTP_WINDOW steps of `at`, or null. Compared in constant time (otpauth).
 * The caller still has to refuse a step at or before the last one it accepted.
 */
export const matchTotpStep = ({ secret, code, at }: { secret: string; code: string; at: Date }): number | null => {
  const digits = normalizeTotpCode(code);
  if (!digits) return null;
  const delta = totpOf(secret).validate({ token: digits, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
};

/** The code for an instant (tests, and a person checking their app against the server). */
export const totpCode = ({ secret, at }: { secret: string; at: Date }) => totpOf(secret).generate({ timestamp: at.getTime() });
