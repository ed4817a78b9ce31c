import type { Prisma } from "../../db";
import { getEnv } from "../../env";

/**
 * The accounts the sweep keeps fresh: every authorized one with a refresh token, or with REFRESH_POLICY=active only
 * those a service used within ACTIVE_DAYS (a dormant one is refreshed on its first read instead).
 */
export const keptFreshWhere = (now: Date): Prisma.AuthorizerWhereInput => {
  const { REFRESH_POLICY, ACTIVE_DAYS } = getEnv();
  return {
    status: "authorized",
    refreshToken: { not: null },
    ...(REFRESH_POLICY === "active" ? { lastUsedAt: { gte: new Date(now.getTime() - ACTIVE_DAYS * 86_400_000) } } : {}),
  };
};

/** REFRESH_POLICY=active: authorized accounts nobody used within ACTIVE_DAYS (refreshed when first read). */
export const dormantWhere = (now: Date): Prisma.AuthorizerWhereInput => ({
  status: "authorized",
  OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - getEnv().ACTIVE_DAYS * 86_400_000) } }],
});
