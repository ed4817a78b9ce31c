import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "../errors";
import { authOptions } from "./options";
import { isUserRole, type TSessionUser } from "./roles";
import { readUserSession } from "./user-sessions";

// The signed-in user, checked against the database on every request: a signed-out, expired or revoked session and
// a disabled or deleted user stop working at once, and a role change applies at the next request.

/** The signed-in, enabled user, or undefined (one database read per request, shared by layout and page). */
export const getSessionUser = cache(async (): Promise<TSessionUser | undefined> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return undefined;
  const user = await readUserSession(session.sid);
  if (!user || !isUserRole(user.role)) return undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.sid };
});

/** For pages and server actions: the user, or a redirect to /login. */
export const requireUser = async (): Promise<TSessionUser> => {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
};

/** For server actions and route guards: an admin, a redirect to /login when signed out, AppError("forbidden") otherwise. */
export const requireAdmin = async (): Promise<TSessionUser> => {
  const user = await requireUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only an admin may do this.");
  return user;
};

/** The label written to the event log for an action by this user. */
export const actorLabel = (user: Pick<TSessionUser, "email">) => `user:${user.email}`;
