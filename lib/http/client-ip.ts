import { getEnv } from "../env";

/**
 * The client's address for per-client rate limits, or null when it cannot be trusted. Behind a reverse proxy
 * (TRUST_PROXY_HEADERS=true) it is the last X-Forwarded-For entry, the one the proxy appended. Without one, Next.js
 * fills the header from the socket only when the client sent none, so a client could choose its own: null.
 */
export const clientIpFromForwardedFor = (forwardedFor: string | string[] | null | undefined): string | null => {
  if (!getEnv().TRUST_PROXY_HEADERS) return null;
  const entries = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-1)?.slice(0, 64) ?? null;
};

export const clientIp = (request: Request) => clientIpFromForwardedFor(request.headers.get("x-forwarded-for"));
