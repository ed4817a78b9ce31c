import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../env";
import { clientIpFromForwardedFor } from "../http/client-ip";
import { isUserRole } from "./roles";
import { createUserSession, revokeUserSession, SESSION_MAX_AGE_SECONDS } from "./user-sessions";

const isHttps = () => getEnv().APP_URL.startsWith("https://");
const SECURE_SESSION_COOKIE = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true };
import { signInWithPassword } from "./sign-in-with-password";
import { stripNul } from "../http/nul-text";

// next-auth 4: email + password against the User table, our own /login page. The JWT names a server-side
// UserSession (8 hours from sign-in, no sliding; ended by sign-out, disabling, a password change). Cookies are
// Secure, the session cookie __Host-, whenever APP_URL is https. lib/env.ts requires NEXTAUTH_SECRET in production;
// development falls back to a fixed secret.

const DEVELOPMENT_SECRET = "wxopen-development-nextauth-secret-not-for-production";

export const authOptions: NextAuthOptions = {
  // A getter: the environment is read at the first request, not when the module loads during the build.
  get secret() {
    return getEnv().NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET;
  },
  set secret(_value) {
    // next-auth assigns a fallback only when none is set; ours always is.
  },
  get useSecureCookies() {
    return isHttps();
  },
  set useSecureCookies(_value) {
    // Decided by APP_URL alone.
  },
  get cookies() {
    return isHttps() ? { sessionToken: { name: "__Host-next-auth.session-token", options: SECURE_SESSION_COOKIE } } : undefined;
  },
  set cookies(_value) {
    // As above.
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      // Two steps, one provider: email and password first; a user with a second factor is answered
      // SecondFactorRequired (thrown, so no session starts), and the page sends all three again with the code.
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
      },
      authorize: async (credentials, request) => {
        const email = stripNul(credentials?.email ?? "").trim();
        const password = credentials?.password ?? "";
        if (!email || !password) return null;
        const user = await signInWithPassword({
          email,
          password,
          code: credentials?.code ?? "",
          ip: clientIpFromForwardedFor(request?.headers?.["x-forwarded-for"]),
        });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt: async ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.role = (user as { role?: string }).role;
        token.sid = await createUserSession(user.id);
      }
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = isUserRole(token.role) ? token.role : "operator";
        session.sid = token.sid;
      }
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server too: a copied cookie stops working.
    signOut: async ({ token }) => {
      if (token?.sid) await revokeUserSession(token.sid);
    },
  },
};
