import { createHash, timingSafeEqual } from "node:crypto";

/** The bearer credential of an Authorization header, or null. */
export const bearerFromHeader = (header: string | null | undefined) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
};

/** Compares two secrets in constant time, whatever their lengths. */
export const isSameSecret = (presented: string, expected: string) =>
  timingSafeEqual(createHash("sha256").update(presented).digest(), createHash("sha256").update(expected).digest());
