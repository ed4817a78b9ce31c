import { getSessionUser } from "../auth/session";
import type { TSessionUser, TUserRole } from "../auth/roles";
import { SECOND_FACTOR_SETUP_PATH } from "../auth/second-factor";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { checkRouteParams } from "./route-params";

// Route handlers the dashboard calls with its session cookie. The wrapper owns sign-in, role and error mapping:
// 401 when signed out or disabled, 403 for the wrong role or a required second factor not yet set up,
// { error: { code, message } } for anything thrown.

type TContext<P> = { params: Promise<P> };

/**
 * A cookie-authenticated write must come from our own pages: browsers send Origin with every POST, so one naming
 * another site is a cross-site request riding the admin's session (CSRF). Reads and header-less clients pass.
 */
const assertSameOrigin = (request: Request) => {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(getEnv().APP_URL).origin) {
    throw new AppError("forbidden", `This request came from ${origin}, not from wxopen's own pages (${getEnv().APP_URL}); it was refused.`);
  }
};
type THandler<P> = (input: { request: Request; user: TSessionUser; params: P }) => Promise<Response>;

export const withSession =
  <P = Record<string, string>>({ role }: { role?: TUserRole }, handler: THandler<P>) =>
  async (request: Request, context: TContext<P>) => {
    try {
      assertSameOrigin(request);
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Sign in first: your session is missing or has ended.");
      if (user.mustSetUpSecondFactor)
        throw new AppError("forbidden", `An admin requires a second factor: set yours up at ${SECOND_FACTOR_SETUP_PATH} first.`);
      if (role === "admin" && user.role !== "admin") throw new AppError("forbidden", "Only an admin may do this.");
      const params = await context.params;
      checkRouteParams(params as Record<string, string>);
      return await handler({ request, user, params });
    } catch (error) {
      return errorResponse(error);
    }
  };

export const withAdmin = <P = Record<string, string>>(handler: THandler<P>) => withSession<P>({ role: "admin" }, handler);
