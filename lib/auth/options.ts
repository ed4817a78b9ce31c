import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "../env";
import { clientIpFromForwardedFor } from "../http/client-ip";
import { isUserRole } from "./roles";
import { signInWithPassword } from "./sign-in-with-password";

// next-auth 4: email + password against the User table, JWT sessions for 8 hours, our own /login page.
// lib/env.ts requires NEXTAUTH_SECRET in production; development falls back to a fixed secret.

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
const DEVELOPMENT_SECRET = "wxopen-development-nextauth-secret-not-for-production";

export const authOptions: NextAuthOptions = {
  // A getter: the environment is read at the first request, not when the module loads during the build.
  get secret() {
    return getEnv().NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET;
  },
  set secret(_value) {
    // next-auth assigns a fallback only when none is set; ours always is.
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        const email = credentials?.email?.trim() ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) return null;
        const user = await signInWithPassword({ email, password, ip: clientIpFromForwardedFor(request?.headers?.["x-forwarded-for"]) });
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.role = (user as { role?: string }).role;
      }
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = isUserRole(token.role) ? token.role : "operator";
      }
      return session;
    },
  },
};
