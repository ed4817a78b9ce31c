import { createHmac, timingSafeEqual } from "node:crypto";

// X-Wxopen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. The timestamp is signed with
// the body, so a receiver that refuses old timestamps also refuses replays. Framework-free: receivers may copy it.

export const signDelivery = (secret: string, body: string, timestamp: number) =>
  `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** A receiver's check: the signature matches this body and secret, and t is within toleranceSeconds of now. */
export const verifyDeliverySignature = (
  secret: string,
  header: string | null | undefined,
  body: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
) => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signDelivery(secret, body, timestamp).slice(-64), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2], "hex"));
};
