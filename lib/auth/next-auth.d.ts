import type { DefaultSession } from "next-auth";
import type { TUserRole } from "./roles";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: TUserRole };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
  }
}
