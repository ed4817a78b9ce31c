import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// / - signed-in users go to the overview, everyone else to the sign-in page
export default async function HomePage() {
  redirect((await getSessionUser()) ? "/overview" : "/login");
}
