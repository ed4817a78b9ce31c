import { getPlatformHealth } from "@/lib/platform/get-platform-health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const health = await getPlatformHealth();
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">wxopen</h1>
      <dl className="mt-6 grid grid-cols-2 gap-2 text-sm">
        <dt>Database</dt>
        <dd>{health.database}</dd>
        <dt>Latest ticket</dt>
        <dd>{health.latestTicket ? `${health.latestTicket.ageSeconds} s ago` : "none yet"}</dd>
        <dt>Component token</dt>
        <dd>{health.componentToken ? `expires ${health.componentToken.expiresAt}` : "none yet"}</dd>
      </dl>
    </main>
  );
}
