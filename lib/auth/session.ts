import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "../errors";
import { authOptions } from "./options";
import { isUserRole, type TSessionUser } from "./roles";
import { isSecondFactorRequired, SECOND_FACTOR_SETUP_PATH } from "./second-factor";
import { readUserSession } from "./user-sessions";

// The signed-in user, checked against the database on every request: a signed-out, expired or revoked session and
// a disabled or deleted user stop working at once, and a role change applies at the next request. While an admin
// requires a second factor, a user without one gets nothing but its setup: requireUser (every page and server
// action) sends them there, withSession (the dashboard's routes) refuses them.

/** The signed-in, enabled user, or undefined (read once per request, shared by layout and page). */
export const getSessionUser = cache(async (): Promise<TSessionUser | undefined> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return undefined;
  const user = await readUserSession(session.sid);
  if (!user || !isUserRole(user.role)) return undefined;
  const mustSetUpSecondFactor = !user.hasSecondFactor && (await isSecondFactorRequired());
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.sid, mustSetUpSecondFactor };
});

/** For the second factor's setup alone: the user, even one who must set it up first; a redirect to /login when signed out. */
export const requireSignedIn = async (): Promise<TSessionUser> => {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
};

/** For pages and server actions: the user, a redirect to /login when signed out, or to the setup of a required second factor. */
export const requireUser = async (): Promise<TSessionUser> => {
  const user = await requireSignedIn();
  if (user.mustSetUpSecondFactor) redirect(SECOND_FACTOR_SETUP_PATH);
  return user;
};

/** For server actions and route guards: an admin, a redirect as requireUser does, AppError("forbidden") otherwise. */
export const requireAdmin = async (): Promise<TSessionUser> => {
  const user = await requireUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only an admin may do this.");
  return user;
};

/** The label written to the event log for an action by this user. */
export const actorLabel = (user: Pick<TSessionUser, "email">) => `user:${user.email}`;
