import { NextResponse } from "next/server";
import { getPlatformHealth } from "@/lib/platform/monitoring/get-platform-health";

export const dynamic = "force-dynamic";

// GET /api/health - database reachable, latest ticket age, component token expiry (503 when the database is not)
export const GET = async () => {
  const health = await getPlatformHealth();
  return NextResponse.json(health, { status: health.database === "ok" ? 200 : 503 });
};
