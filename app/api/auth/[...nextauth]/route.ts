import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

// GET, POST /api/auth/* - next-auth: csrf, credentials sign-in, session, sign-out
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
