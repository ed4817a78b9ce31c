import type { DefaultSession } from "next-auth";
import type { TUserRole } from "./roles";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: TUserRole };
    /** The server-side UserSession this sign-in is. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    sid?: string;
  }
}
