import { randomBytes } from "node:crypto";
import { getDb } from "../db";

// Server-side records of dashboard sign-ins: the JWT only names one, so a session can be ended before its cookie
// expires (sign-out, a disabled user, a changed password) and never outlives its 8 hours.

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const createUserSession = async (userId: string) => {
  const id = randomBytes(24).toString("base64url");
  await getDb().userSession.create({ data: { id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) } });
  return id;
};

/** The session's user when the session is live (not revoked, not past its 8 hours) and the user enabled. */
export const readUserSession = async (id: string) => {
  const session = await getDb().userSession.findUnique({
    where: { id },
    select: {
      revokedAt: true,
      expiresAt: true,
      user: {
        select: { id: true, email: true, name: true, role: true, disabledAt: true, secondFactor: { select: { enabledAt: true } } },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now() || session.user.disabledAt) return undefined;
  const { secondFactor, ...user } = session.user;
  return { ...user, hasSecondFactor: Boolean(secondFactor?.enabledAt) };
};

export const revokeUserSession = async (id: string) => {
  await getDb().userSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
};

/** Ends every live session of a user (disabled, password changed), except `exceptId` (the one making the change). */
export const revokeUserSessions = async (userId: string, exceptId?: string) => {
  const { count } = await getDb().userSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
};
