export const dynamic = "force-dynamic";

const PONG = { ok: true, service: "wxopen" };

// GET /api/v1/ping - a constant answer without a key: callers check that the API is reachable (and npm run bench
// measures the framework's floor with it)
export const GET = () => Response.json(PONG, { headers: { "cache-control": "no-store" } });
