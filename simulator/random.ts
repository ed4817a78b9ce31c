import { createHash, randomBytes } from "node:crypto";

const randomText = (bytes: number) => randomBytes(bytes).toString("base64url");
const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");

/** Shaped like WeChat's "rid: 6406f7a8-1bcb4f3e-0f0e7e3c" suffix. */
export const newRid = () => `${randomHex(4)}-${randomHex(4)}-${randomHex(4)}`;

// The prefixes copy what real values look like, so clients that log them look familiar.
export const newVerifyTicket = () => `ticket@@@${randomText(64)}`;
export const newPreAuthCode = () => `preauthcode@@@${randomText(48)}`;
export const newAuthCode = () => `queryauthcode@@@${randomText(56)}`;
export const newRefreshToken = () => `refreshtoken@@@${randomText(32)}`;
export const newAccessToken = () => randomText(96);
export const newMediaId = () => randomText(48);

/** Stable `wx` + 16 hex characters derived from a name, so seeds keep their appid across restarts. */
export const appidFromName = (name: string) => `wx${createHash("sha1").update(name).digest("hex").slice(0, 16)}`;

export const stableHex = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);
