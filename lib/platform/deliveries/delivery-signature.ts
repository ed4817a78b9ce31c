import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Deliveries are signed the Standard Webhooks way, by the standardwebhooks library itself, so what goes out is what
// every receiver's copy of it verifies: webhook-id (the delivery's id, the same on every retry), webhook-timestamp
// (this attempt, unix seconds), webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>.

/** A secret issued since the move to Standard Webhooks: `whsec_` + standard base64 of 32 random bytes (the key). */
const STANDARD_SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

/** Whether a rule's secret is a Standard Webhooks one; any other (`whsec_` + base64url, before) is used raw. */
export const isStandardSecret = (secret: string) => STANDARD_SECRET.test(secret);

/**
 * The library's signer for a rule's secret. A standard secret's key is the bytes it encodes; an older secret's key is
 * the secret's own characters, `whsec_` included (the key X-Wxopen-Signature has always used), so it verifies with
 * `new Webhook(secret, { format: "raw" })` and its rule needs no new secret.
 */
export const webhookFor = (secret: string) =>
  isStandardSecret(secret) ? new Webhook(secret) : new Webhook(Buffer.from(secret, "utf8"), { format: "raw" });

/**
 * Deprecated (sent through 0.1.x, removed in 0.2.0): X-Wxopen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret
 * as a string, "<t>.<raw body>")>. It signs neither the delivery id nor its type; webhook-signature signs the id.
 */
export const legacySignature = (secret: string, body: string, timestamp: number) =>
  `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** The signing headers of one attempt: the Standard Webhooks three, and the deprecated X-Wxopen-Signature. */
export const signingHeaders = ({ secret, id, body, timestamp }: { secret: string; id: string; body: string; timestamp: number }) => ({
  "webhook-id": id,
  "webhook-timestamp": String(timestamp),
  "webhook-signature": webhookFor(secret).sign(id, new Date(timestamp * 1000), body),
  "x-wxopen-signature": legacySignature(secret, body, timestamp),
});

/** A receiver's check of the deprecated header: it matches this body and secret, and t is within toleranceSeconds of now. */
export const verifyLegacySignature = (
  secret: string,
  header: string | null | undefined,
  body: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
) => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(legacySignature(secret, body, timestamp).slice(-64), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2], "hex"));
};
