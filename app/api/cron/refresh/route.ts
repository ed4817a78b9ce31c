import { getEnv } from "@/lib/env";
import { withCronSecret } from "@/lib/http/with-secret-bearer";
import { runRefreshSweep } from "@/lib/platform/sweep/run-refresh-sweep";

export const dynamic = "force-dynamic";

// POST /api/cron/refresh - run one refresh sweep now (for an external scheduler) and answer its counts
export const POST = withCronSecret(
  () => getEnv().CRON_SECRET,
  () => runRefreshSweep(),
);
