import { getDb } from "../../db";
import { AppError } from "../../errors";

export type TAuthorizationLinkRow = NonNullable<Awaited<ReturnType<typeof findLinkRow>>>;

export type TLinkAvailability = "open" | "unknown" | "expired" | "used";

const findLinkRow = (where: { token: string } | { state: string }) => getDb().authorizationLink.findUnique({ where });

const availabilityOf = (link: TAuthorizationLinkRow | null, now: Date): TLinkAvailability => {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
};

/** An invitation by its public token or its redirect state, with whether it can still be used. */
export const findAuthorizationLink = async (where: { token: string } | { state: string }, now = new Date()) => {
  const value = Object.values(where)[0];
  // Tokens and states are 32 base64url characters; anything else cannot be one (and is not worth a query).
  const link = typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? await findLinkRow(where) : null;
  return { link, availability: availabilityOf(link, now) };
};

const UNAVAILABLE: Record<Exclude<TLinkAvailability, "open">, () => AppError> = {
  unknown: () =>
    new AppError(
      "not_found",
      "This authorization link does not exist. Check that it was copied completely, or ask the platform operator for a new link.",
      {
        zh: "找不到这个授权链接。请确认链接完整，或联系平台运营方获取新的链接。",
      },
    ),
  expired: () =>
    new AppError("gone", "This authorization link has expired. Ask the platform operator for a new link.", {
      zh: "这个授权链接已过期。请联系平台运营方获取新的授权链接。",
    }),
  used: () =>
    new AppError(
      "gone",
      "This authorization link has already been used. Each link works once; ask the platform operator for a new link if you need to authorize again.",
      {
        zh: "这个授权链接已经使用过（每个链接只能使用一次）。如需再次授权，请联系平台运营方获取新的链接。",
      },
    ),
};

/** The invitation behind a token, or the AppError (404 unknown, 410 expired or used) a merchant can act on. */
export const requireOpenAuthorizationLink = async (token: string): Promise<TAuthorizationLinkRow> => {
  const { link, availability } = await findAuthorizationLink({ token });
  if (availability !== "open" || !link) throw UNAVAILABLE[availability === "open" ? "unknown" : availability]();
  return link;
};

export const unavailableLinkError = (availability: Exclude<TLinkAvailability, "open">) => UNAVAILABLE[availability]();
